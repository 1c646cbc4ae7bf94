"""The public site: article pages, lists, feeds, sitemap, search and media for readers."""
