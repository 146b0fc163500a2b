"""Blind tone benchmark #2: 100 follow-up-email sentences written without looking at the
tone rules, their data, their tests, or bench/tone_cases.py.

Run: python bench/tone_blind2.py
"""
from __future__ import annotations

import followup_lint

A, P, PA, D = "accusatory", "pushy", "passive-aggressive", "desperate"
RULES = [A, P, PA, D]

BLIND2 = [
    # --- accusatory (15)
    ("You told me I would hear back by last Friday, and it's now Tuesday with still no word.", A),
    ("Your recruiter assured me a decision would be made within a week, yet three weeks have passed.", A),
    ("You had said the results will be communicated on Monday itself, but till date I have not received anything.", A),
    ("You promised to call me back after the panel met, and I never got that call.", A),
    ("I was told I'd have an offer by the 15th and it's now the 22nd.", A),
    ("With all due respect, you gave me your word that feedback would come within 48 hours.", A),
    ("Sir, you people said the result would be out last week but nobody has contacted me since.", A),
    ("It has been two weeks since the date you gave me and I have heard absolutely nothing.", A),
    ("You guaranteed me an answer before the end of the month, which came and went.", A),
    ("Mate, you said you'd ring me Thursday arvo and I've been waiting by the phone ever since.", A),
    ("You clearly said I would be updated by Monday, so I'm not sure why I'm still in the dark.", A),
    ("According to what you told me in the interview, I should have heard something ten days ago.", A),
    ("You assured me the hiring decision was a formality and then went completely silent.", A),
    ("Your email said a decision would come by the 3rd; it's now the 10th and I'm still waiting.", A),
    ("you said id hear back monday but its wednesday now and nothing", A),
    # --- pushy (15)
    ("I need a decision from you by end of day Friday, as I have another offer on the table.", P),
    ("Please get back to me ASAP regarding the status of my application.", P),
    ("Kindly revert immediately as I cannot wait any longer.", P),
    ("I expect a response from your team within 24 hours.", P),
    ("Please respond urgently, I have to inform the other company by tomorrow.", P),
    ("Let me know today whether I got the job or not!!!", P),
    ("I must insist that you give me a firm answer by Wednesday.", P),
    ("Please call me back immediately when you get this message.", P),
    ("I need to know your decision by tomorrow morning at the latest.", P),
    ("Do revert back at the earliest as this is very urgent.", P),
    ("Can someone please reply to me right away, this is urgent!!", P),
    ("I'll need your final answer before close of business today or I'll accept the other offer.", P),
    ("Please treat this as urgent and send me the outcome without further delay.", P),
    ("Get back to me asap pls, waiting on this.", P),
    ("I require an immediate update on where things stand.", P),
    # --- passive-aggressive (15)
    ("As per my last email, I'm still waiting to hear about the next steps.", PA),
    ("As I mentioned in my previous two emails, I'm available any day this week.", PA),
    ("Just a gentle reminder that I'm still waiting on a reply.", PA),
    ("Not sure if my previous email reached you, so I'm sending it again.", PA),
    ("In case you missed my last three emails, I'm following up once more.", PA),
    ("As I've already said, I'm happy to provide references.", PA),
    ("Just a friendly nudge since I haven't heard anything back.", PA),
    ("I'm not sure if you've had a chance to read any of my emails.", PA),
    ("Just circling back again, as I haven't received a reply to my earlier messages.", PA),
    ("As previously stated, my notice period is only two weeks.", PA),
    ("Resending this in case it got lost in your inbox, again.", PA),
    ("I don't know if you got my email last week, since nobody replied.", PA),
    ("Per my earlier email, the references you asked for were already sent.", PA),
    ("As I have said more than once, I am available to start immediately.", PA),
    ("Just bumping this to the top of your inbox once more.", PA),
    # --- desperate (15)
    ("I really really need this job, my family is depending on me.", D),
    ("Please, please consider me for this role, I won't let you down.", D),
    ("I am ready to do anything at all to get this position.", D),
    ("Honestly this job means everything to me and I don't know what I'll do if I don't get it.", D),
    ("I am begging you to give me a chance, sir.", D),
    ("I'll work for a lower salary or even unpaid for the first month if that helps.", D),
    ("I have been unemployed for eight months and I'm desperate for this opportunity.", D),
    ("Please sir, I beg, just give me one chance and I will prove myself.", D),
    ("I would do whatever it takes, literally anything, to join your team.", D),
    ("This is my last hope, please don't reject me.", D),
    ("I desperately need this role to pay my rent next month.", D),
    ("pls pls pls let me know I got it, I've been refreshing my inbox all day", D),
    ("I'll accept any terms you offer, I just need a job right now.", D),
    ("Kindly have mercy and consider my application, I am in dire need of this job.", D),
    ("Please don't give up on me, I really need this to work out.", D),
    # --- clean: hard negatives (30)
    ("As you mentioned, the team is planning to expand into Europe next year.", None),
    ("You mentioned that the team works closely with the design group, which really appealed to me.", None),
    ("I'd be happy to send my references by Friday if that would help.", None),
    ("If you need anything else from me, such as a portfolio or references, please let me know.", None),
    ("As I said in my interview, I am very comfortable leading cross-functional projects.", None),
    ("I really enjoyed our conversation about the new data platform.", None),
    ("Please let me know if there is any further information I can provide.", None),
    ("I set a reminder to send over the code sample you asked for, and it is attached here.", None),
    ("Thank you for the reminder about the assessment deadline; I completed it this morning.", None),
    ("You said the role involves a lot of client travel, and that is something I genuinely enjoy.", None),
    ("I understand these decisions take time, and I appreciate you keeping me informed.", None),
    ("As promised, I have attached the case study we discussed on Tuesday.", None),
    ("I promised I'd send my portfolio link, so here it is.", None),
    ("I really need to thank you again for taking the time to show me around the office.", None),
    ("I know you're busy, so there's no rush at all in replying.", None),
    ("Could you let me know whether the timeline you mentioned is still on track?", None),
    ("I'd love to hear any feedback you could share, whenever it suits you.", None),
    ("I will be travelling on Friday, so please feel free to reach me by email instead.", None),
    ("It was lovely to meet you and the rest of the panel on Monday.", None),
    ("I wanted to follow up on my application for the Senior Analyst role, as I'm very keen on the position.", None),
    ("As we discussed, I can start within four weeks of receiving an offer.", None),
    ("Kindly let me know if any other documents are required from my end.", None),
    ("Please do let me know if there's anything else you need from me.", None),
    ("I will do my best to complete the take-home task by Friday as requested.", None),
    ("Just a quick note to say thank you for your time yesterday.", None),
    ("I wanted to gently check whether there has been any update on the timeline.", None),
    ("Your point that the team needs someone who can ship quickly really resonated with me.", None),
    ("I understand you said the process may take a few weeks, and I'm happy to wait.", None),
    ("Thanks so much for getting back to me so quickly last week!", None),
    ("Please pass on my thanks to Priya and James as well.", None),
    # --- clean: ordinary (10)
    ("Thank you for taking the time to interview me for the Operations Manager position on Tuesday.", None),
    ("Could you share any update on the timeline for the next round?", None),
    ("I remain very interested in the role and would welcome the chance to discuss it further.", None),
    ("Good morning ma'am, I hope this mail finds you well.", None),
    ("Our chat about the migration to Kubernetes got me thinking, and I've put together a short write-up.", None),
    ("Cheers for the tour of the warehouse, it was great to see the team in action.", None),
    ("I have attached the certificates you requested during the interview for your perusal.", None),
    ("Even if I am not successful this time, I would appreciate any feedback on how I could improve.", None),
    ("I look forward to hearing from you when the panel has made its decision.", None),
    ("Thank you once again for the opportunity, and have a lovely weekend.", None),
]

assert len(BLIND2) == 100
assert sum(1 for _, r in BLIND2 if r is None) == 40
assert all(sum(1 for _, r in BLIND2 if r == rule) == 15 for rule in RULES)


def main() -> None:
    config = followup_lint.Config(grammar=False, select=["tone"])
    tp = {r: 0 for r in RULES}
    fp = {r: 0 for r in RULES}
    fn = {r: 0 for r in RULES}
    misses, alarms = [], []
    for sentence, label in BLIND2:
        found = sorted({f.rule for f in followup_lint.lint_note(sentence, config=config).findings})
        if label is None:
            if found:
                alarms.append((sentence, found))
        elif label in found:
            tp[label] += 1
        else:
            fn[label] += 1
            misses.append((label, sentence, found))
        for r in found:
            if r in fp and r != label:
                fp[r] += 1

    def prf(t, p, n):
        pr = t / (t + p) if t + p else 0.0
        rc = t / (t + n) if t + n else 0.0
        f1 = 2 * pr * rc / (pr + rc) if pr + rc else 0.0
        return pr, rc, f1

    print(f"{'rule':<20} {'TP':>3} {'FP':>3} {'FN':>3}  {'P':>5} {'R':>5} {'F1':>5}")
    rows = []
    for r in RULES:
        pr, rc, f1 = prf(tp[r], fp[r], fn[r])
        rows.append((pr, rc, f1))
        print(f"{r:<20} {tp[r]:>3} {fp[r]:>3} {fn[r]:>3}  {pr:5.2f} {rc:5.2f} {f1:5.2f}")
    mp, mr, mf = (sum(x[i] for x in rows) / len(rows) for i in range(3))
    print(f"{'macro':<20} {'':>3} {'':>3} {'':>3}  {mp:5.2f} {mr:5.2f} {mf:5.2f}")
    print(f"\nclean sentences flagged: {len(alarms)}/40")
    print(f"\nMISSES ({len(misses)}):")
    for label, s, found in misses:
        print(f"  [{label}] {s}  -> got {found or 'nothing'}")
    print(f"\nFALSE ALARMS on clean ({len(alarms)}):")
    for s, found in alarms:
        print(f"  {s}  -> {found}")


if __name__ == "__main__":
    main()
