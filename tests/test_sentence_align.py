"""The archive aligner (Gale–Church with anchors) on a hand-aligned English/Russian pair."""

from __future__ import annotations

import time

from newsdesk.machine_translation.sentence_align import (
    Bead,
    align_paragraphs,
    anchors,
    article_paragraphs,
    memory_pairs,
)

EN_TITLE = "University opens a joint laboratory with JITRI in Nanjing"
EN_LEAD = "The laboratory will study new materials for batteries."
EN_BODY = """\
On 12 October 2026 the rector, Dmitry Arseniev, signed the agreement in Nanjing. The \
delegation of 14 people also visited three companies of the Jiangsu Industrial Technology \
Research Institute (JITRI).

The laboratory gets 1,500 square metres and 25 million roubles for the first two years. \
Its director will be Professor Anna Volkova. She has worked on solid-state batteries since \
2011. Students of the Institute of Chemistry can join the projects from the spring term.

"We have been looking for a partner like this for a long time," Arseniev said. "Nanjing \
has the industry, and we have the science."

The first results are expected in 2028. Applications are open on [the lab's \
page](https://lab.example.edu/apply) until 30 November.
"""

RU_TITLE = "Университет открывает совместную лабораторию с JITRI в Нанкине"
RU_LEAD = "Лаборатория будет изучать новые материалы для аккумуляторов."
RU_BODY = """\
12 октября 2026 года ректор Дмитрий Арсеньев подписал соглашение в Нанкине. Делегация из \
14 человек также посетила три компании Цзянсуского института промышленных технологий \
(JITRI).

Лаборатория получит 1500 квадратных метров и 25 миллионов рублей на первые два года. \
Её директором станет профессор Анна Волкова, которая занимается твердотельными \
аккумуляторами с 2011 года. Студенты Института химии смогут присоединиться к проектам. \
Это возможно уже с весеннего семестра.

«Мы давно искали такого партнёра, — сказал Арсеньев. — В Нанкине есть промышленность, а у \
нас есть наука».

Первые результаты ожидаются в 2028 году. Заявки принимаются на [странице \
лаборатории](https://lab.example.edu/apply) до 30 ноября.
"""

# The hand alignment: (English sentence numbers, Russian sentence numbers), counted over the
# whole article (title, lead, body) as the pipeline cuts it.
GOLD = {
    ((0,), (0,)),  # title
    ((1,), (1,)),  # lead
    ((2,), (2,)),  # 12 October ... signed
    ((3,), (3,)),  # delegation of 14
    ((4,), (4,)),  # 1,500 square metres
    ((5, 6), (5,)),  # director + since 2011 -> one Russian sentence
    ((7,), (6, 7)),  # students ... spring term -> two Russian sentences
    ((8,), (8,)),  # quote, first half ("…," Arseniev said.)
    ((9,), (9,)),  # quote, second half
    ((10,), (10,)),  # 2028
    ((11,), (11,)),  # applications until 30 November
}


def _numbered(paragraphs: list[list[str]]) -> dict[str, int]:
    flat = [s for p in paragraphs for s in p]
    return {s: i for i, s in enumerate(flat)}


def _beads_as_numbers(beads: list[Bead], en: dict[str, int], ru: dict[str, int]) -> set:
    return {
        (tuple(en[s] for s in bead.source), tuple(ru[t] for t in bead.target)) for bead in beads
    }


def test_segmentation_matches_the_hand_alignment():
    en = article_paragraphs(EN_TITLE, EN_LEAD, EN_BODY, "en", "ru")
    ru = article_paragraphs(RU_TITLE, RU_LEAD, RU_BODY, "ru", "en")
    assert sum(map(len, en)) == 12
    assert sum(map(len, ru)) == 12


def test_alignment_precision_and_recall_on_the_hand_aligned_pair():
    en = article_paragraphs(EN_TITLE, EN_LEAD, EN_BODY, "en", "ru")
    ru = article_paragraphs(RU_TITLE, RU_LEAD, RU_BODY, "ru", "en")
    predicted = _beads_as_numbers(align_paragraphs(en, ru), _numbered(en), _numbered(ru))
    correct = predicted & GOLD
    precision, recall = len(correct) / len(predicted), len(correct) / len(GOLD)
    print(f"alignment precision {precision:.2f}, recall {recall:.2f}")
    assert precision == 1.0, sorted(predicted - GOLD)
    assert recall == 1.0, sorted(GOLD - predicted)


def test_the_other_direction_aligns_the_same_way():
    en = article_paragraphs(EN_TITLE, EN_LEAD, EN_BODY, "en", "ru")
    ru = article_paragraphs(RU_TITLE, RU_LEAD, RU_BODY, "ru", "en")
    predicted = _beads_as_numbers(align_paragraphs(ru, en), _numbered(ru), _numbered(en))
    assert predicted == {(b, a) for a, b in GOLD}


def test_paragraphs_merged_in_the_translation_still_align():
    en = article_paragraphs(EN_TITLE, EN_LEAD, EN_BODY, "en", "ru")
    merged_body = RU_BODY.replace("(JITRI).\n\nЛаборатория", "(JITRI). Лаборатория")
    ru = article_paragraphs(RU_TITLE, RU_LEAD, merged_body, "ru", "en")
    assert len(ru) == len(en) - 1
    predicted = _beads_as_numbers(align_paragraphs(en, ru), _numbered(en), _numbered(ru))
    assert predicted == GOLD


def test_memory_units_are_the_one_to_one_and_one_to_two_beads_only():
    en = article_paragraphs(EN_TITLE, EN_LEAD, EN_BODY, "en", "ru")
    ru = article_paragraphs(RU_TITLE, RU_LEAD, RU_BODY, "ru", "en")
    pairs = dict(memory_pairs(align_paragraphs(en, ru)))
    flat_en = [s for p in en for s in p]
    # the two English sentences merged into one Russian sentence give no unit
    assert flat_en[5] not in pairs and flat_en[6] not in pairs
    assert pairs[flat_en[0]] == RU_TITLE
    assert pairs[flat_en[7]].startswith("Студенты") and pairs[flat_en[7]].endswith("семестра.")
    assert pairs[flat_en[4]].startswith("Лаборатория получит 1500")
    assert len(pairs) == 10


def test_anchors_read_numbers_names_and_links_across_scripts():
    numbers, names = anchors("The rector, Dmitry Arseniev, paid 1,500 roubles: https://x.example/a")
    ru_numbers, ru_names = anchors(
        "Ректор Дмитрий Арсеньев заплатил 1 500 рублей: https://x.example/a"
    )
    assert numbers == ru_numbers == {"1500"}
    assert "https://x.example/a" in names & ru_names
    assert "~rsnv" in names & ru_names  # Arseniev / Арсеньев


def test_a_number_on_one_side_only_keeps_units_out_of_memory():
    beads = [Bead(("It cost 25 roubles.",), ("Это стоило 26 рублей.",), 0.1)]
    assert memory_pairs(beads) == []


def test_work_grows_linearly_with_the_article():
    def run(count: int) -> float:
        en = [[f"Sentence number {i} is about the lab in Nanjing." for i in range(count)]]
        ru = [[f"Предложение номер {i} — о лаборатории в Нанкине." for i in range(count)]]
        start = time.process_time()
        beads = align_paragraphs(en, ru)
        assert len(beads) == count and all(b.shape == (1, 1) for b in beads)
        return time.process_time() - start

    small, large = run(200), run(1600)
    assert large < small * 8 * 3  # 8 times the sentences: far below the 64 times of n*m


def test_sentences_left_out_of_the_translation_never_pair_wrongly():
    """The Russian leaves out the delegation and the students: names and numbers tell which
    English sentence has no partner, and every memory unit offered is a true pair."""
    body = (
        RU_BODY.replace(" Студенты Института химии смогут присоединиться к проектам.", "")
        .replace("Это возможно уже с весеннего семестра.", "")
        .replace(
            "Делегация из 14 человек также посетила три компании Цзянсуского института "
            "промышленных технологий (JITRI).",
            "",
        )
    )
    en = article_paragraphs(EN_TITLE, EN_LEAD, EN_BODY, "en", "ru")
    ru = article_paragraphs(RU_TITLE, RU_LEAD, body, "ru", "en")
    en_n, ru_n = _numbered(en), _numbered(ru)
    beads = align_paragraphs(en, ru)
    numbered = _beads_as_numbers(beads, en_n, ru_n)
    assert ((2,), (2,)) in numbered and ((3,), ()) in numbered
    truth = {0: 0, 1: 1, 2: 2, 4: 3, 8: 5, 9: 6, 10: 7, 11: 8}  # English -> Russian, 1-1
    pairs = memory_pairs(beads)
    assert len(pairs) >= 6
    for source, target in pairs:
        assert ru_n[target] == truth[en_n[source]], (source, target)
