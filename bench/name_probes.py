"""Hand-written probes for the name rules, independent of bench/corpus and name_accuracy.py.

Each probe is a note, a roster and the name findings a careful human reviewer would expect
(rule, text); a probe with no expected finding must stay clean. Cases are grouped by the
hard thing they test (typos that form another real name, lower case, line breaks,
possessives, capitals, particles, dropped hyphens/apostrophes, Vietnamese order, one-word
non-Anglo names, and look-alikes that are not people).

Decisions encoded here: a capitalised particle ("Van der Berg", "De La Cruz") is accepted
anywhere (Dutch capitalises it when no given name precedes it; Spanish and Filipino usage
varies), so it is never a finding; a dropped hyphen or apostrophe is a misspelling.

A finding counts as expected when its rule is the expected rule and its text and the
expected text overlap as strings (one contains the other, case-insensitively).

Run: ``python bench/name_probes.py [--show]``.
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from dataclasses import dataclass

from followup_lint import Config, NoteContext, lint_note

NAME_RULES = ("name-misspelled", "name-unknown", "name-nickname", "title-mismatch")
M, U, N, T = NAME_RULES


@dataclass(frozen=True)
class Probe:
    group: str
    text: str
    roster: tuple[str, ...]
    expect: tuple[tuple[str, str], ...] = ()
    company: str | None = None


def _n(body: str, greeting: str = "Dear Dr. Smyth,", sign: str = "Best regards,\nSam Patel") -> str:
    return f"{greeting}\n\n{body}\n\n{sign}"


KS = "Dr. Katherine Smyth"
JB = "Jon Baker"

PROBES: list[Probe] = [
    # --- typos that form another real name or an English word
    Probe("typo-real-word", _n("Thank you for your time.", "Dear Mark,"), ("Marc Dubois",),
          ((M, "Mark"),)),
    Probe("typo-real-word", _n("Thank you for your time.", "Hi Ann,"), ("Anne Lee",), ((M, "Ann"),)),
    Probe("typo-real-word", _n("Thank you for your time.", "Dear Rose,"), ("Ros Taylor",),
          ((M, "Rose"),)),
    Probe("typo-real-word", _n("I enjoyed talking with Mark Dubois about pricing.", "Hello,"),
          ("Marc Dubois",), ((M, "Mark"),)),
    Probe("typo-real-word", _n("Thank you for your time.", "Dear Mr. Brown,"),
          ("Mr. Ian Browne",), ((M, "Brown"),)),
    Probe("typo-real-word", _n("Thank you for the tour.", "Dear Dr. Wood,"), ("Dr. Amy Woods",),
          ((M, "Wood"),)),
    Probe("typo-real-word", _n("Mark the date: I will follow up in May.", "Dear Marc,"),
          ("Marc Dubois",)),
    Probe("typo-real-word", _n("I hope the launch goes well.", "Hi Anne,"), ("Anne Lee",)),
    # --- names written in lower case in the body
    Probe("lower-case", _n("I enjoyed talking with katherine about the roadmap."), (KS,),
          ((M, "katherine"),)),
    Probe("lower-case", _n("Please pass my thanks to jon baker as well."), (KS, JB),
          ((M, "jon"),)),
    Probe("lower-case", _n("I will mark the date and hope to hear back in may.", "Dear Marc,"),
          ("Marc Dubois",)),
    Probe("lower-case", _n("I jotted down notes about the smith chart discussion."), (KS,)),
    # --- a name split by a hard line break
    Probe("line-break", _n("It was a pleasure to meet Dr. Katherine\nSmyth and the team."), (KS,)),
    Probe("line-break", _n("It was a pleasure to meet Katherine\nSmtyh and the team."), (KS,),
          ((M, "Smtyh"),)),
    Probe("line-break", _n("I also enjoyed speaking with Jon\nBaker about the data team."),
          (KS, JB)),
    Probe("line-break", _n("I also enjoyed speaking with Jonn\nBaker about the data team."),
          (KS, JB), ((M, "Jonn"),)),
    # --- possessives
    Probe("possessive", _n("I enjoyed hearing about Katherine's team and its plans."), (KS,)),
    Probe("possessive", _n("I enjoyed hearing about Katharine's team and its plans."), (KS,),
          ((M, "Katharine"),)),
    Probe("possessive", _n("Dr. Smyth's overview of the platform was very helpful."), (KS,)),
    Probe("possessive", _n("Dr. Smythe's overview of the platform was very helpful."), (KS,),
          ((M, "Smythe"),)),
    Probe("possessive", _n("I enjoyed hearing about Rachel's team and its plans."), (KS,),
          ((U, "Rachel"),)),
    # --- all capitals
    Probe("all-caps", _n("THANK YOU FOR YOUR TIME.", "DEAR KATHERINE,"), (KS,)),
    Probe("all-caps", _n("Thank you for your time.", "DEAR DR. SMYTH,"), (KS,)),
    Probe("all-caps", _n("Thank you for your time.", "DEAR DR. SMYTHE,"), (KS,),
          ((M, "SMYTHE"),)),
    Probe("all-caps", _n("Thank you for your time.", "HI JONN,"), (JB,), ((M, "JONN"),)),
    # --- particles and double-barrelled names written differently
    Probe("particles", _n("Thank you for the interview.", "Dear Dr. Van der Berg,"),
          ("Dr. Jan van der Berg",)),
    Probe("particles", _n("Van der Berg's talk on search was the highlight of my day.",
                          "Dear Jan,"), ("Dr. Jan van der Berg",)),
    Probe("particles", _n("Thank you for the interview.", "Dear Ms. De La Cruz,"),
          ("Ms. María de la Cruz",)),
    Probe("particles", _n("Thank you for the interview.", "Dear Dr. Vanderberg,"),
          ("Dr. Jan van der Berg",), ((M, "Vanderberg"),)),
    Probe("particles", _n("Thank you for the interview.", "Dear Dr. van den Berg,"),
          ("Dr. Jan van der Berg",), ((M, "den"),)),
    Probe("particles", _n("Thank you for the interview.", "Dear Ms. Delacruz,"),
          ("Ms. María de la Cruz",), ((M, "Delacruz"),)),
    Probe("particles", _n("Thank you for the interview.", "Dear Mr. García López,"),
          ("Mr. José García-López",), ((M, "García López"),)),
    # --- hyphen dropped
    Probe("hyphen", _n("Thank you for your time.", "Dear Anne Marie,"), ("Anne-Marie Dubois",),
          ((M, "Anne Marie"),)),
    Probe("hyphen", _n("Thank you for your time.", "Dear Annemarie,"), ("Anne-Marie Dubois",),
          ((M, "Annemarie"),)),
    Probe("hyphen", _n("Thank you for your time.", "Dear Ms. Okonjo Iweala,"),
          ("Ms. Ngozi Okonjo-Iweala",), ((M, "Okonjo Iweala"),)),
    Probe("hyphen", _n("Thank you for your time.", "Dear Anne-Marie,"), ("Anne-Marie Dubois",)),
    Probe("hyphen", _n("I enjoyed talking with Anne Marie McDonald about pricing.", "Hello,"),
          ("Anne-Marie McDonald",), ((M, "Anne Marie"),)),
    Probe("hyphen", _n("Thank you for your time.", "Dear Ms. García López,"),
          ("Ms. María García-López",), ((M, "García López"),)),
    Probe("hyphen", _n("Thank you for your time.", "Dear Ms. Okonjo Iwela,"),
          ("Ms. Ngozi Okonjo-Iweala",), ((M, "Okonjo Iwela"),)),
    Probe("hyphen", _n("Thank you for your time.", "Dear Anne-Marie,"),
          ("Anne Marie McDonald",), ((M, "Anne-Marie"),)),
    Probe("hyphen", _n("Thank you for your time.", "Dear Anne and Marie,"),
          ("Anne Lee", "Marie Curie")),
    Probe("hyphen", _n("I enjoyed meeting Anne-Marie McDonald and Dr. Okonjo-Iweala.", "Hello,"),
          ("Anne-Marie McDonald", "Dr. Ngozi Okonjo-Iweala")),
    Probe("particles", _n("Thank you for the interview.", "Dear Ms. del Cruz,"),
          ("Ms. María de la Cruz",), ((M, "del"),)),
    Probe("particles", _n("Thank you for the interview.", "Dear Dr. Van Der Berg,"),
          ("Dr. Jan van der Berg",)),
    Probe("particles", _n("I enjoyed meeting Dr. van der Berg and Ms. de la Cruz.", "Hello,"),
          ("Dr. Jan van der Berg", "Ms. María de la Cruz")),
    Probe("lower-case", _n("I enjoyed talking with siobhan about the audit."),
          (KS, "Siobhán O'Neill"), ((M, "siobhan"),)),
    Probe("lower-case", _n("The baker down the street made the cake for the launch."), (KS, JB)),
    Probe("lower-case", _n("You can reach me at sam.patel@example.com or via katherine.smyth@ex"
                           "ample.com."), (KS,)),
    # --- apostrophe dropped
    Probe("apostrophe", _n("Thank you for your time.", "Dear Dr. ONeill,"),
          ("Dr. Siobhán O'Neill",), ((M, "ONeill"),)),
    Probe("apostrophe", _n("Thank you for your time.", "Dear Dr. O Neill,"),
          ("Dr. Siobhán O'Neill",), ((M, "O Neill"),)),
    Probe("apostrophe", _n("Thank you for your time.", "Dear Dr. O’Neill,"),
          ("Dr. Siobhán O'Neill",)),
    Probe("apostrophe", _n("I enjoyed talking with Matthew OBrien about the roadmap.", "Hello,"),
          ("Mr. Matthew O'Brien",), ((M, "OBrien"),)),
    # --- Vietnamese family-first order
    Probe("vietnamese", _n("Thank you for your time.", "Dear Ms. Hoa,"), ("Ms. Nguyễn Thị Hoa",)),
    Probe("vietnamese", _n("Thank you for your time.", "Dear Nguyễn Thị Hoa,"),
          ("Ms. Nguyễn Thị Hoa",)),
    Probe("vietnamese", _n("Thank you for your time.", "Dear Ms. Nguyen,"),
          ("Ms. Nguyễn Thị Hoa",), ((M, "Nguyen"),)),
    Probe("vietnamese", _n("Thank you for your time.", "Dear Mr. Duc,"), ("Mr. Trần Văn Đức",),
          ((M, "Duc"),)),
    Probe("vietnamese", _n("I enjoyed speaking with Hoa Nguyễn about the audit.", "Hello,"),
          ("Ms. Nguyễn Thị Hoa",)),
    Probe("vietnamese", _n("Thank you for your time.", "Dear Mr. Tran Van Duc,"),
          ("Mr. Trần Văn Đức",), ((M, "Tran"), (M, "Van"), (M, "Duc"))),
    # --- one-word people not on the roster, any origin
    Probe("unknown-one-word", _n("I enjoyed meeting Priya and Tom on Tuesday."), (KS, JB),
          ((U, "Priya"), (U, "Tom"))),
    Probe("unknown-one-word", _n("I enjoyed the whiteboard session with Priya."), (KS, JB),
          ((U, "Priya"),)),
    Probe("unknown-one-word", _n("Thanks also for the chat with Chidi after lunch."), (KS, JB),
          ((U, "Chidi"),)),
    Probe("unknown-one-word", _n("Thank you for your time.", "Dear Ngozi,"), (KS, JB),
          ((U, "Ngozi"),)),
    Probe("unknown-one-word", _n("I also spoke with Thanh about the data platform."), (KS, JB),
          ((U, "Thanh"),)),
    Probe("unknown-one-word", _n("It was great to talk to Wojciech about testing."), (KS, JB),
          ((U, "Wojciech"),)),
    Probe("unknown-one-word", _n("Please thank Itziar for the tour of the lab."), (KS, JB),
          ((U, "Itziar"),)),
    Probe("unknown-one-word", _n("Jon and Ngozi made the afternoon panel a pleasure."), (KS, JB),
          ((U, "Ngozi"),)),
    Probe("unknown-one-word", _n("I enjoyed meeting Dr. Smyth and Oluwaseun yesterday."), (KS, JB),
          ((U, "Oluwaseun"),)),
    # --- capitalised words that are not people
    Probe("not-a-person", _n("I am excited at the chance to join Northwind."), (KS,),
          company="Northwind"),
    Probe("not-a-person", _n("Thank you, Kafka team, for the warm welcome."), (KS,)),
    Probe("not-a-person", _n("I enjoy working in Lagos and would relocate."), (KS,)),
    Probe("not-a-person", _n("I enjoyed talking with Dr. Smyth about Kubernetes."), (KS,)),
    Probe("not-a-person", _n("I have worked with Spark and Kafka for five years."), (KS,)),
    Probe("not-a-person", _n("I enjoyed meeting the Platform team in Warsaw."), (KS,)),
    Probe("not-a-person", _n("I spoke with Jon about Salesforce and Snowflake."), (KS, JB)),
    Probe("not-a-person", _n("Thanks for the chat about Rust and Go.", "Hi Jon,"), (JB,)),
    Probe("not-a-person", _n("I met the team at Acme in Bengaluru last week."), (KS,),
          company="Acme"),
    Probe("not-a-person", _n("My name is Thanh Pham and I interviewed on Monday."), (KS,)),
    Probe("not-a-person", _n("Thank you for your time.", sign="Best,\nWojciech"), (KS,)),
    Probe("not-a-person", _n("I talked with Jon about Jira and Confluence."), (KS, JB)),
]


def run(show: bool = False) -> dict[str, tuple[int, int, int]]:
    """Lint every probe; per group, (true positives, expected, reported)."""
    config = Config(grammar=False, select=["names"])
    results = [lint_note(p.text, roster=p.roster, config=config,
                         context=NoteContext(company=p.company) if p.company else None)
               for p in PROBES]
    score: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for probe, result in zip(PROBES, results):
        got = [(f.rule, f.text) for f in result if f.rule in NAME_RULES]
        hit_expect = set()
        hit_got = set()
        for i, (rule, text) in enumerate(probe.expect):
            for j, (grule, gtext) in enumerate(got):
                a, b = text.casefold(), gtext.casefold()
                if rule == grule and (a in b or b in a):
                    hit_expect.add(i)
                    hit_got.add(j)
        s = score[probe.group]
        s[0] += len(hit_expect)
        s[1] += len(probe.expect)
        s[2] += len(got) - len(hit_got) + len(hit_expect)
        if show and (len(hit_expect) < len(probe.expect) or len(hit_got) < len(got)):
            print(f"  [{probe.group}] {probe.text.splitlines()[0]!r} | "
                  f"{[l for l in probe.text.splitlines()[1:] if l][:1]} roster={probe.roster}")
            print(f"      expected {list(probe.expect)}  got {got}")
    return {g: (s[0], s[1], s[2]) for g, s in score.items()}


def main() -> None:
    """Score the probes and print recall/precision per case type."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show", action="store_true", help="print every probe that is not perfect")
    args = ap.parse_args()
    score = run(args.show)
    print(f"{len(PROBES)} probes")
    print(f"{'case type':18} {'recall':>12} {'precision':>12}")
    totals = [0, 0, 0]
    for group, (tp, exp, rep) in score.items():
        totals = [totals[0] + tp, totals[1] + exp, totals[2] + rep]
        recall = f"{tp}/{exp}" if exp else "-"
        precision = f"{tp}/{rep}" if rep else "-"
        print(f"{group:18} {recall:>12} {precision:>12}")
    tp, exp, rep = totals
    print(f"{'all':18} {tp}/{exp} = {tp / exp:.2f}  {tp}/{rep} = {tp / max(rep, 1):.2f}")


if __name__ == "__main__":
    main()
