"""Labelled sentences for the tone rules, and precision/recall/F1 per rule.

Each case is a realistic sentence (or two) from a follow-up note and the set of tone rules
that should fire on it. The cases were written before the patterns were tuned and include
hard negatives: polite wording that shares words with the bad phrasings.

    python bench/tone_cases.py [-v]        # -v lists every miss and false alarm

Five sets, each written before the engine had seen it. CASES came first, with the patterns.
HELDOUT, BLIND, FRESH and UNSEEN were each written blind, scored, and only then used for tuning, so
their first-run figures are the honest estimate for unseen wording (F1 per rule, first run):

    set       accusatory  pushy  passive-aggressive  desperate  macro
    HELDOUT      1.00      0.88        0.67            0.93      0.87
    BLIND        0.75      0.88        0.44            0.55      0.65
    FRESH        0.62      0.67        0.92            0.83      0.76
    UNSEEN       0.42      0.73        0.67            0.62      0.61

UNSEEN's first run, precision: accusatory 0.80, pushy 0.89, the others 1.00 (two hard
negatives fired: "the reading list you promised", "let me know by Friday whether the slot
works"); both are fixed, so UNSEEN now scores 1.00 -- tuned on, no longer an estimate.

Precision stayed at or near 1.00 on every first run; the misses are new phrasings (recall).
"""

from __future__ import annotations

import argparse
import statistics
import time

from followup_lint import Config, lint_note
from followup_lint.nlp import get_nlp, model_name

A, PU, PA, D = "accusatory", "pushy", "passive-aggressive", "desperate"
TONE_RULES = (A, PU, PA, D)

#: (sentence, rules that should fire). An empty tuple means "clean".
CASES: list[tuple[str, tuple[str, ...]]] = [
    # --- accusatory ---------------------------------------------------------------------
    ("You said I would hear back by Monday.", (A,)),
    ("You said I would hear back by Monday, but it is now Wednesday.", (A,)),
    ("You told me I would have a decision within a week.", (A,)),
    ("You promised a decision by Friday.", (A,)),
    ("You promised to call me last week.", (A,)),
    ("You assured me that I would hear back within two weeks.", (A,)),
    ("As you told me, I should have heard last week.", (A,)),
    ("I was expecting to hear on Monday and it's already Friday.", (A,)),
    ("The decision was due on Tuesday; it is now Thursday.", (A,)),
    ("I still have not heard anything from your team.", (A,)),
    ("I have not heard anything since the interview.", (A,)),
    ("I still haven't received a response.", (A,)),
    ("You never got back to me.", (A,)),
    ("You never replied to my last two emails.", (A,)),
    ("Why haven't you responded to my messages?", (A,)),
    ("Why has nobody contacted me yet?", (A,)),
    ("You were supposed to call me on Tuesday.", (A,)),
    ("You said the decision would be made by the end of last week.", (A,)),
    ("I should have heard back by now.", (A,)),
    ("You mentioned I would hear back within five business days.", (A,)),
    ("It has been two weeks and I have heard nothing.", (A,)),
    ("You didn't even reply to my thank-you note.", (A,)),
    # --- pushy --------------------------------------------------------------------------
    ("I need an answer by Friday.", (PU,)),
    ("Please let me know ASAP.", (PU,)),
    ("Please respond immediately.", (PU,)),
    ("I expect a reply by tomorrow.", (PU,)),
    ("Reply by end of day, please.", (PU,)),
    ("Please get back to me by end of day today.", (PU,)),
    ("I need to know by Thursday at the latest.", (PU,)),
    ("Any update?!!", (PU,)),
    ("Looking forward to hearing from you!!", (PU,)),
    ("PLEASE LET ME KNOW either way.", (PU,)),
    ("I NEED AN ANSWER.", (PU,)),
    ("Please respond as soon as possible.", (PU,)),
    ("I expect to hear from you by Monday.", (PU,)),
    ("Let me know right away what you decide.", (PU,)),
    ("Send me the offer letter today.", (PU,)),
    ("I look forward to your prompt reply.", (PU,)),
    ("I demand an explanation.", (PU,)),
    ("This is urgent, so please reply today.", (PU,)),
    ("Call me back immediately.", (PU,)),
    # --- passive-aggressive -------------------------------------------------------------
    ("Per my last email, I am available all week.", (PA,)),
    ("As per my previous email, my references are attached.", (PA,)),
    ("As I said before, I can start in June.", (PA,)),
    ("As I mentioned in my last email, I am still very interested.", (PA,)),
    ("As previously mentioned, my notice period is two weeks.", (PA,)),
    ("As previously stated, I am available on weekdays.", (PA,)),
    ("Just a friendly reminder that I applied three weeks ago.", (PA,)),
    ("This is a gentle reminder about my application.", (PA,)),
    ("Just a quick reminder that I am still waiting to hear.", (PA,)),
    ("I'm not sure if you saw my email from last week.", (PA,)),
    ("Not sure whether you received my last message.", (PA,)),
    ("In case you missed my previous email, I have attached it below.", (PA,)),
    ("Just circling back again on my application.", (PA,)),
    ("I am following up again on the analyst role.", (PA,)),
    ("Did you even read my last email?", (PA,)),
    ("Like I said, I am very interested in the role.", (PA,)),
    ("I'm writing for the third time about my application.", (PA,)),
    ("With all due respect, I have waited long enough.", (PA,)),
    ("Just bumping this to the top of your inbox.", (PA,)),
    # --- desperate ----------------------------------------------------------------------
    ("I really need this job.", (D,)),
    ("I need this position more than anything.", (D,)),
    ("Please, please consider me for the role.", (D,)),
    ("I will do anything to get this job.", (D,)),
    ("I'd do anything for this opportunity.", (D,)),
    ("I'm begging you to give me a chance.", (D,)),
    ("This job means everything to me.", (D,)),
    ("Getting this role would mean the world to me.", (D,)),
    ("I have no other options right now.", (D,)),
    ("I have nowhere else to turn.", (D,)),
    ("You are my only hope.", (D,)),
    ("This is my last chance to break into the industry.", (D,)),
    ("I am desperate to hear back from you.", (D,)),
    ("Please just give me a chance.", (D,)),
    ("I will accept any salary you offer.", (D,)),
    ("I desperately want to work at your company.", (D,)),
    # --- mixed --------------------------------------------------------------------------
    ("You promised an answer by Monday and I need it ASAP.", (A, PU)),
    ("Per my last email, you said I would hear back last week.", (A, PA)),
    ("I really need this job, so please respond immediately.", (PU, D)),
    # --- clean, including hard negatives ------------------------------------------------
    ("As you said, the team is growing.", ()),
    ("As you mentioned, the team is expanding into Europe next year.", ()),
    ("You said the team values curiosity, which really resonated with me.", ()),
    ("You told me about the new data platform, and I have been reading about it since.", ()),
    ("You mentioned that you hoped to make a decision by Friday, so I wanted to check in.", ()),
    ("Thank you for letting me know the decision would come by Monday.", ()),
    ("Thank you for telling me more about the role.", ()),
    ("I wanted to follow up on my application for the analyst role.", ()),
    ("I understand these decisions take time.", ()),
    ("Could you share any update on the timeline?", ()),
    ("I would appreciate an update when you have a moment.", ()),
    ("I'd welcome any update on the next steps.", ()),
    ("I understand if you haven't had time to review my portfolio yet.", ()),
    ("No worries if you have not decided yet.", ()),
    ("I haven't heard back yet, so I wanted to check in on the timeline.", ()),
    ("I can start as soon as possible.", ()),
    ("I am available to start immediately.", ()),
    ("I will send the references by Friday.", ()),
    ("I will reply to the recruiter today.", ()),
    ("Thank you for getting back to me so quickly.", ()),
    ("Thanks for calling me today.", ()),
    ("Thank you for your prompt reply last week.", ()),
    ("I need to update my portfolio before the next round.", ()),
    ("I need a few days to think about the offer.", ()),
    ("I expect the project will be a great fit for my skills.", ()),
    ("As I mentioned in our interview, I have led two data migrations.", ()),
    ("As we discussed on Tuesday, I have attached my writing sample.", ()),
    ("Per our conversation, I have attached my references.", ()),
    ("I was reminded of our conversation when I read your article.", ()),
    ("I will check in again next month.", ()),
    ("Thank you again for your time on Monday.", ()),
    ("I look forward to speaking with you again.", ()),
    ("Is there anything else I can do to help with your decision?", ()),
    ("I really enjoyed meeting the team.", ()),
    ("I really want to contribute to the analytics team.", ()),
    ("This role would be a great next step for me.", ()),
    ("It would be great to hear about the next steps.", ()),
    ("I am happy to provide references or anything else you need.", ()),
    ("Please let me know if you need anything else from me.", ()),
    ("Please feel free to reach out if you have any questions.", ()),
    ("It was great to meet you on Monday.", ()),
    ("It is now a year since we met at the conference.", ()),
    ("I have experience with AWS and SQL.", ()),
    ("I led the NASA data project at the JPL lab.", ()),
    ("I am excited about the opportunity!", ()),
    ("The job means a lot of travel, which I enjoy.", ()),
    ("My experience in urgent care taught me to stay calm.", ()),
    ("I have no other commitments that week.", ()),
    ("I am sure you are busy, and I appreciate your time.", ()),
    ("I hope you had a good weekend.", ()),
    ("Please, take your time with the decision.", ()),
    ("I would be grateful for any feedback you can share.", ()),
    ("Did you get a chance to look at my portfolio?", ()),
    ("You said I should feel free to reach out with questions, so here is one.", ()),
    ("You told me to send my portfolio, so I have attached it.", ()),
    ("I'd love to hear more about the next steps when the time is right.", ()),
]

#: Written after the first run of the engine, without tuning on them: a check of how far
#: the patterns generalise beyond the sentences they were written next to.
HELDOUT: list[tuple[str, tuple[str, ...]]] = [
    ("When we spoke, you told me I'd hear something within ten days.", (A,)),
    ("You guaranteed I would get feedback after the final round.", (A,)),
    ("You confirmed on the phone that the decision would come on Monday.", (A,)),
    ("You promised me feedback, and I'm still waiting.", (A,)),
    ("Monday came and went, and it's now Thursday.", (A,)),
    ("I've still not heard back from anyone on the panel.", (A,)),
    ("I never received any response to my two previous emails.", (A,)),
    ("Why hasn't anyone gotten back to me?", (A,)),
    ("Why is it taking so long to make a decision?", (A,)),
    ("You haven't answered any of my emails.", (A,)),
    ("You should have let me know if the role was filled.", (A,)),
    ("I really need an answer today.", (PU,)),
    ("I must have your decision by Wednesday.", (PU,)),
    ("Let me know by tomorrow morning.", (PU,)),
    ("Please call me back today.", (PU,)),
    ("Respond ASAP please.", (PU,)),
    ("Please give this your immediate attention.", (PU,)),
    ("I'll expect your call on Friday.", (PU,)),
    ("WHERE IS MY OFFER?", (PU,)),
    ("I'm still waiting!!!", (PU,)),
    ("As I wrote last week, I can start on the first of the month.", (PA,)),
    ("As I already mentioned, I hold a full driving licence.", (PA,)),
    ("As stated in my previous email, my availability has not changed.", (PA,)),
    ("Friendly reminder: I am still waiting on your decision.", (PA,)),
    ("Just following up again, since I haven't heard anything.", (PA, A)),
    ("Resending my last email in case it got lost in your inbox.", (PA,)),
    ("I am reaching out once again regarding the analyst role.", (PA,)),
    ("I'm unsure whether you ever received my previous message.", (PA,)),
    ("I would do anything to work for your company.", (D,)),
    ("Please, I am begging for one more chance.", (D,)),
    ("I can't afford to lose this opportunity.", (D,)),
    ("My family is counting on me getting this job.", (D,)),
    ("I need this job so badly.", (D,)),
    ("I'll take any position you have open.", (D,)),
    ("This opportunity means everything to me and my family.", (D,)),
    ("I have been unemployed for a year and I am desperate.", (D,)),
    # clean
    ("You mentioned the team would be interviewing through next week.", ()),
    ("You said the role involves a lot of stakeholder work, which I enjoy.", ()),
    ("As you told me, the onboarding takes about a month.", ()),
    ("I know decisions like this take time, so no rush.", ()),
    ("If there is any update on the timeline, I would love to hear it.", ()),
    ("I'm following up on my interview last Tuesday for the designer role.", ()),
    ("Just checking in to see whether there is any news on the role.", ()),
    ("I remain very interested and happy to provide anything else you need.", ()),
    ("I'd be happy to answer any further questions.", ()),
    ("I need to give my current employer two weeks' notice.", ()),
    ("I expect to finish my certification by March.", ()),
    ("I will let you know by Friday whether I can make the second interview.", ()),
    ("Thanks again, and I look forward to hearing from you.", ()),
    ("I want to thank you once again for your time.", ()),
    ("Thank you once again for meeting with me.", ()),
    ("It's now clear to me how much the team values mentoring.", ()),
    ("Could you let me know by Friday if you need anything else from me?", ()),
    ("I could start immediately if needed.", ()),
    ("Our call reminded me how much I enjoy this kind of work.", ()),
    ("I have attached the portfolio you asked for.", ()),
    ("The interview was a great chance to learn about your roadmap.", ()),
    ("I truly appreciate your help throughout the process.", ()),
    ("I would be glad to do anything I can to make the scheduling easier.", ()),
    ("I didn't hear the last question clearly, so here is a fuller answer.", ()),
]

#: A second blind set, written after tuning on HELDOUT and never tuned on: its figures are
#: the honest estimate of how the rules do on wording they have not seen.
BLIND: list[tuple[str, tuple[str, ...]]] = [
    ("Your recruiter said I would know by the 15th, and nobody has contacted me.", (A,)),
    ("You assured me the offer would be sent last week.", (A,)),
    ("I was promised an update by Friday.", (A,)),
    ("It's already the end of the month and I have heard nothing.", (A,)),
    ("I still haven't gotten any feedback from you.", (A,)),
    ("Why didn't anyone tell me the position was filled?", (A,)),
    ("You didn't respond to my last message.", (A,)),
    ("You said you would call me back, but you never did.", (A,)),
    ("I have been waiting for two weeks without a single reply.", (A,)),
    ("You told me I was the top candidate and then went silent.", (A,)),
    ("I need a decision from you this week.", (PU,)),
    ("I require a response within 48 hours.", (PU,)),
    ("Kindly revert by EOD.", (PU,)),
    ("Please confirm by noon tomorrow.", (PU,)),
    ("Get back to me as soon as possible.", (PU,)),
    ("I want an answer now.", (PU,)),
    ("THIS IS VERY IMPORTANT TO ME.", (PU,)),
    ("Hope to hear soon!!", (PU,)),
    ("You need to make a decision quickly.", (PU,)),
    ("As I have said several times, I am available immediately.", (PA,)),
    ("Again, as I noted in my last message, my portfolio is online.", (PA,)),
    ("Just a gentle nudge on my application.", (PA,)),
    ("I'm sure you're very busy, but it has been three weeks.", (PA,)),
    ("Hopefully this email doesn't get ignored like my last one.", (PA,)),
    ("I'm not sure my previous emails are reaching you.", (PA,)),
    ("Following up yet again on the role.", (PA,)),
    ("Please, please, please let me know.", (D,)),
    ("Honestly, I'd do whatever it takes to land this role.", (D,)),
    ("I don't know what I'll do if I don't get this job.", (D,)),
    ("I am in a very difficult financial situation and need this role.", (D,)),
    ("I'm praying that you pick me.", (D,)),
    ("I've applied to fifty jobs and this is my last hope.", (D,)),
    ("Please don't give up on me.", (D,)),
    # clean
    ("Your recruiter mentioned the team would reach a decision in early May.", ()),
    ("You said that the analytics team works closely with product, which excites me.", ()),
    ("As you told me, the role is hybrid with two office days.", ()),
    ("I hope the hiring process is going smoothly.", ()),
    ("I wanted to check in on the timeline you mentioned.", ()),
    ("I'm writing to follow up on the data analyst position.", ()),
    ("If it would help, I'm happy to send more work samples.", ()),
    ("Please let me know if there is anything else you need from me.", ()),
    ("I would appreciate any feedback you are able to share.", ()),
    ("I know you have many candidates to consider.", ()),
    ("I expect to be in town next week if an in-person meeting would help.", ()),
    ("I need to confirm my travel plans for the second interview.", ()),
    ("Thank you for your quick response to my question about the role.", ()),
    ("I'm available at your convenience.", ()),
    ("My manager at Acme said I would be a strong fit for this kind of role.", ()),
    ("I'm confident I could do everything the role requires.", ()),
    ("It's now been a month since we met, and I wanted to share an article.", ()),
    ("The team said the decision would be made by the end of the month.", ()),
    ("I'd love to help the team ship the new platform.", ()),
    ("The company's mission means a lot to me.", ()),
    ("Please pass my thanks on to the whole panel.", ()),
]

#: A third blind set, written after tuning on BLIND and never tuned on.
FRESH: list[tuple[str, tuple[str, ...]]] = [
    ("The recruiter swore I'd hear back in a week; that was a month ago.", (A,)),
    ("You told me I'd get an offer letter by Monday. Where is it?", (A,)),
    ("You said you'd let me know by the 10th.", (A,)),
    ("It has been three weeks and still nothing from you.", (A,)),
    ("I haven't heard a single word since my final interview.", (A,)),
    ("How hard is it to send a quick reply?", (A,)),
    ("You clearly forgot about me.", (A,)),
    ("Is there a reason you haven't responded?", (A,)),
    ("Nobody from your team has bothered to reply.", (A,)),
    ("Answer me by tomorrow.", (PU,)),
    ("I'll need your answer before noon on Friday.", (PU,)),
    ("Please expedite your decision.", (PU,)),
    ("I must insist on a reply this week.", (PU,)),
    ("Let me know TODAY.", (PU,)),
    ("Reply at your earliest convenience, but no later than Thursday.", (PU,)),
    ("I have another offer, so I need to hear from you by Wednesday.", (PU,)),
    ("PLEASE GET BACK TO ME.", (PU,)),
    ("As I've stated twice already, my start date is flexible.", (PA,)),
    ("Per my previous message, the references are attached.", (PA,)),
    ("As mentioned in my earlier email, I am available on Thursdays.", (PA,)),
    ("Just a quick nudge in case this slipped through the cracks.", (PA,)),
    ("Circling back on this once again.", (PA,)),
    ("I'm sure you're busy, but a reply would be nice.", (PA,)),
    ("Thanks in advance for actually reading this one.", (PA,)),
    ("I desperately hope you choose me.", (D,)),
    ("Please, I really need this opportunity.", (D,)),
    ("I'm willing to do anything, even work for free.", (D,)),
    ("If I don't get this job I don't know what I'll do.", (D,)),
    ("Getting this job would mean everything to my family.", (D,)),
    ("I beg you to reconsider.", (D,)),
    ("I have no other job offers and my savings are gone.", (D,)),
    # clean
    ("You told me the team is moving to a new office in June.", ()),
    ("You mentioned you would be travelling next week, so there is no rush.", ()),
    ("As you said in the interview, the first project is the billing migration.", ()),
    ("I realise hiring decisions involve many people.", ()),
    ("Would you be able to share where things stand?", ()),
    ("I'd be grateful for an update whenever it's convenient.", ()),
    ("I'm following up on my application submitted on March 3.", ()),
    ("Thank you again for the thoughtful conversation on Thursday.", ()),
    ("I wanted to reiterate my interest in the role.", ()),
    ("I need to let you know that my phone number has changed.", ()),
    ("I will have an answer for the other company by Friday.", ()),
    ("I can answer any questions right away.", ()),
    ("I am ready to hit the ground running.", ()),
    ("Our conversation about the product roadmap really stuck with me.", ()),
    ("The role means working closely with finance, which I enjoy.", ()),
    ("I have no other questions at this time.", ()),
    ("My previous manager can speak to my work on the pricing team.", ()),
    ("Please let me know if a call would be easier.", ()),
    ("I would love the chance to contribute to your team.", ()),
]


#: A fourth blind set (round 4), written before the round that targeted the corpus misses
#: (counting follow-ups, "in case my email got lost", "I was told I would hear", Indian English
#: "as per your mail", "latest by", "at once") and scored before any pattern changed.
#: Borderline, decided clean: "I was told the team would decide by Friday, so I wanted to check
#: in" -- an impersonal reference to the timeline followed by a polite check-in is the advised
#: template; what makes "I was told I would hear by the 14th" accusatory is the writer being
#: owed an answer (as in "You mentioned I would hear back ..."), or the complaint after it.
UNSEEN: list[tuple[str, tuple[str, ...]]] = [
    ("I was assured I would hear back within a week, yet it has been three.", (A,)),
    ("The HR team informed me that results would be out by the 5th, but till now nothing has come.", (A,)),
    ("As per your mail, the offer letter should have reached me by now.", (A,)),
    ("Why is nobody answering my emails?", (A,)),
    ("Why has there been no response to my application?", (A,)),
    ("It is now the 30th and there is still no word from your side.", (A,)),
    ("Two weeks have passed since the deadline you gave me.", (A,)),
    ("You gave me your word that I would hear back on Friday.", (A,)),
    ("Your colleague promised me a call, which never came.", (A,)),
    ("I have waited patiently, but you have not had the courtesy to reply.", (A,)),
    ("Is it too much to ask for a simple yes or no?", (A,)),
    ("Nobody has got back to me since the panel interview.", (A,)),
    ("You told me the feedback would come within 48 hours; it has been a week.", (A,)),
    ("I am yet to receive any reply from your end.", (A,)),
    ("Kindly revert latest by tomorrow.", (PU,)),
    ("Please send the offer letter by today evening itself.", (PU,)),
    ("I need your response before the weekend.", (PU,)),
    ("I must hear from you by Monday.", (PU,)),
    ("Kindly reply at the earliest.", (PU,)),
    ("Tell me your decision now.", (PU,)),
    ("Get back to me without delay.", (PU,)),
    ("I want a response this week, not next month.", (PU,)),
    ("Do let me know by close of business tomorrow.", (PU,)),
    ("This needs your attention immediately.", (PU,)),
    ("Answer this email today, please.", (PU,)),
    ("I am expecting your reply within 24 hours.", (PU,)),
    ("I await your URGENT RESPONSE.", (PU,)),
    ("This is the second time I'm writing about this.", (PA,)),
    ("I've now emailed you three times about the role.", (PA,)),
    ("As stated earlier, I am available from June.", (PA,)),
    ("Kindly refer to my previous mail for my availability.", (PA,)),
    ("Just in case my previous email went to spam, I'm sending it again.", (PA,)),
    ("I'm not certain my earlier note reached you, so here it is again.", (PA,)),
    ("Forwarding my earlier email below since I didn't hear back.", (PA,)),
    ("Gentle reminder on the below.", (PA,)),
    ("As I pointed out in my previous email, my notice period is one month.", (PA,)),
    ("Once again, I am following up on my application.", (PA,)),
    ("Hope you didn't miss my last message.", (PA,)),
    ("Not sure if my emails are going to your junk folder.", (PA,)),
    ("I'd happily work unpaid just to get my foot in the door.", (D,)),
    ("I'm willing to take a pay cut, any salary is fine.", (D,)),
    ("Please, sir, I am begging you for this opportunity.", (D,)),
    ("This job is my only chance to support my family.", (D,)),
    ("I have been jobless for eight months and really need this role.", (D,)),
    ("I will accept whatever you offer.", (D,)),
    ("I'll do whatever it takes, just please hire me.", (D,)),
    ("Without this job I don't know how I will pay rent.", (D,)),
    ("Kindly consider me, I am in dire need of this job.", (D,)),
    # clean, including hard negatives
    ("As you said, the team is growing.", ()),
    ("I was told the team would decide by Friday, so I wanted to check in.", ()),
    ("Could you kindly share an update on the status of my application?", ()),
    ("I'm writing to ask whether there is any update on the role.", ()),
    ("Is there any update on the timeline for a decision?", ()),
    ("As per our discussion, I have attached my certificates.", ()),
    ("As per your request, please find my references attached.", ()),
    ("I was told during the interview that the role involves travel, which suits me.", ()),
    ("Thank you for sending the reading list you promised.", ()),
    ("I will follow up again in a couple of weeks if that works for you.", ()),
    ("I can join a call today or tomorrow, whichever suits you.", ()),
    ("I need to know the dress code for Thursday's on-site.", ()),
    ("I must say I really enjoyed our conversation.", ()),
    ("This is my first time applying to a fintech company.", ()),
    ("In case it is helpful, I have attached my latest portfolio.", ()),
    ("In case you need them, my references are listed below.", ()),
    ("I'm not sure whether the role is still open, but I remain very interested.", ()),
    ("I would work hard to learn your stack quickly.", ()),
    ("I would love to work for a company with your values.", ()),
    ("I really need to thank you for the detailed feedback.", ()),
    ("Thank you for responding so quickly to my last email.", ()),
    ("I have not heard of that framework before, but I'm keen to learn it.", ()),
    ("I know you said the process could take a few weeks, so please take your time.", ()),
    ("Please let me know by Friday whether the 10 am slot still works for you.", ()),
    ("My third interview with the team was on Monday.", ()),
    ("I have sent my portfolio again as a PDF, since the link had expired.", ()),
    ("It is now three months since I joined the new team, and I wanted to share an update.", ()),
    ("Thank you for the update; I completely understand the delay.", ()),
    ("There is no rush at all.", ()),
    ("Why this role? I have spent five years building payment systems.", ()),
    ("I will be free all day on the 21st if a call would help.", ()),
]


#: A fifth set (round 5, DEV2), written before any change of that round and scored first: a
#: development set for generalising passive-aggressive references to the writer's own earlier,
#: unanswered mail, and a few desperate rewordings. Hard negatives refer to earlier mail
#: politely. Borderline, decided as labelled: "I don't know if you got my email since nobody
#: replied" doubts the reader read it (PA) and says nobody replied (accusatory).
DEV2: list[tuple[str, tuple[str, ...]]] = [
    ("As I mentioned in my previous emails, I am available to start in May.", (PA,)),
    ("As I have said more than once, my notice period is four weeks.", (PA,)),
    ("As stated in my earlier message, I hold a valid work permit.", (PA,)),
    ("I'm not sure whether you've had a chance to read my emails.", (PA,)),
    ("Resending in case it got buried again.", (PA,)),
    ("Resending this in case it got buried in your inbox (again).", (PA,)),
    ("I'm writing again in case my emails are going to spam.", (PA,)),
    ("I don't know if you got my email since nobody replied.", (A, PA)),
    ("This is my fourth attempt to reach you.", (PA,)),
    ("I'll try one more time: is the analyst role still open?", (PA,)),
    ("As I've said in several emails now, I can relocate.", (PA,)),
    ("As noted in my last three emails, my references are ready.", (PA,)),
    ("I have written to you multiple times about this role.", (PA,)),
    ("I've reached out several times now without success.", (PA,)),
    ("Not sure if anyone is reading these emails.", (PA,)),
    ("I wonder if my messages are even reaching you.", (PA,)),
    ("Once more, I am asking about the status of my application.", (PA,)),
    ("Again, my availability is listed in my previous email.", (PA,)),
    ("Please see my earlier emails, which went unanswered.", (PA,)),
    ("I am resending my application for the third time.", (PA,)),
    ("Perhaps my previous emails ended up in your spam folder.", (PA,)),
    ("As I explained in my first email, I need visa sponsorship.", (PA,)),
    ("In case my earlier messages got lost, here is my CV once more.", (PA,)),
    ("My last two emails seem to have gone unanswered.", (PA,)),
    ("I've followed up more than once and wanted to try again.", (PA,)),
    ("I hope this email reaches you, since the others apparently did not.", (PA,)),
    ("As I have repeatedly said, I am flexible on the start date.", (PA,)),
    ("I'm sending this again because my last few emails went unanswered.", (PA,)),
    ("Just checking that my emails are actually getting through.", (PA,)),
    ("As indicated in my prior correspondence, I accept the terms.", (PA,)),
    ("Pls pls let me know if there is any chance.", (D,)),
    ("I'd work unpaid for the first three months if that helps.", (D,)),
    ("I'll take any salary you think is fair.", (D,)),
    ("I'm refreshing my inbox all day waiting for your answer.", (D,)),
    ("I can't sleep waiting for your decision.", (D,)),
    ("I will literally accept any offer.", (D,)),
    ("I am ready to work for free to prove myself.", (D,)),
    ("I can't stop checking my phone for your call.", (D,)),
    ("Please pls consider me, I have been out of work for a year.", (D,)),
    ("I haven't slept since the interview because I want this so much.", (D,)),
    # clean: polite references to earlier mail
    ("As mentioned in my previous email, I have attached my portfolio.", ()),
    ("Following up on my email from last week about the analyst role.", ()),
    ("I'm resending the document you asked for.", ()),
    ("In case it is useful, here is my earlier note.", ()),
    ("Thank you for your reply to my previous email.", ()),
    ("As I mentioned in my cover letter, I have five years of experience.", ()),
    ("I am following up on my previous email about the interview schedule.", ()),
    ("Further to my earlier message, I have now completed the assessment.", ()),
    ("I have attached the corrected file; my earlier email had the wrong version.", ()),
    ("I am sending my references again, as you requested.", ()),
    ("I wrote to you last week about the data analyst position.", ()),
    ("As requested in your last email, my availability is below.", ()),
    ("Thank you for getting back to me so quickly on my earlier question.", ()),
    ("Sorry for the multiple emails today; the attachment was too large.", ()),
    ("To add to my previous message, I have also completed the AWS certification.", ()),
    ("I wanted to check whether you received the signed forms I sent on Monday.", ()),
    ("I mentioned in my last email that I would be travelling; I am back now.", ()),
    ("I once again want to thank you for your time.", ()),
    ("I am happy to resend my portfolio if the earlier link did not work.", ()),
    ("I have applied twice before, and I am pleased to see the role open again.", ()),
]


#: A sixth set (round 5, DEV3): written after DEV2 was tuned on, as a second development set
#: of rewordings (and a few accusatory ones) the DEV2 patterns did not see, and scored before
#: the patterns were widened for it. First run, recall: accusatory 5/12, passive-aggressive
#: 4/18, desperate 3/6; all 12 clean sentences clean. Tuned on since.
DEV3: list[tuple[str, tuple[str, ...]]] = [
    ('Did my last email get lost?', (PA,)),
    ('Following up on my unanswered email from May.', (PA,)),
    ("I'm following up for the second time.", (PA,)),
    ('I have sent you several emails about this role.', (PA,)),
    ("Another follow-up on my application, as I haven't heard anything.", (A, PA)),
    ('I know you must be busy, however it has been a month.', (PA,)),
    ('Please refer to my email of 3 May.', (PA,)),
    ('As I already told you, I can start in June.', (PA,)),
    ('Hopefully this time I will get a response.', (PA,)),
    ('Just bumping this thread.', (PA,)),
    ('Trying again in case my earlier note slipped through the cracks.', (PA,)),
    ("I've tried reaching you a few times now.", (PA,)),
    ('Perhaps my emails are not getting through to you.', (PA,)),
    ('Resending, since my last message seems to have been missed.', (PA,)),
    ('Reiterating what I wrote last week, I am available.', (PA,)),
    ('To repeat what I said in my earlier email, my start date is flexible.', (PA,)),
    ("I'm reaching out yet again about the position.", (PA,)),
    ('Have you had a chance to read any of my emails?', (PA,)),
    ("You haven't responded to any of my emails.", (A,)),
    ("I've been waiting for two weeks with no response.", (A,)),
    ('Nobody has bothered to reply.', (A,)),
    ("You said you'd call and you didn't.", (A,)),
    ('I was promised feedback within a week.', (A,)),
    ('It has been over a month without any feedback.', (A,)),
    ("You still haven't given me an answer.", (A,)),
    ('I have been left waiting for three weeks.', (A,)),
    ('I am still waiting for a reply to my previous emails.', (A,)),
    ('The deadline you gave me passed a week ago.', (A,)),
    ('Surely someone could have let me know by now.', (A,)),
    ("I'm willing to do literally anything.", (D,)),
    ("I'll accept any offer, even the lowest grade.", (D,)),
    ('I really, really need this.', (D,)),
    ("I can't stop thinking about whether I got the job.", (D,)),
    ("Please, I'm running out of savings.", (D,)),
    ("I'm checking my email every five minutes.", (D,)),
    ("I'm following up on my email from last Tuesday.", ()),
    ("I'll send another email with my references tomorrow.", ()),
    ('I sent two emails today: one with my CV and one with my references.', ()),
    ('Please refer to my cover letter for details.', ()),
    ('As I told the panel, I enjoy mentoring.', ()),
    ('Did my email with the signed contract arrive?', ()),
    ('Thank you for your patience while I gathered the documents.', ()),
    ('I wanted to try again to upload the file, since the portal failed.', ()),
    ('I have checked my inbox and spam folder but could not find the test link.', ()),
    ("I'm sure you're busy, so no rush at all.", ()),
    ('I reached out to two of your engineers on LinkedIn.', ()),
    ('Once I hear back from my current employer, I will let you know.', ()),
]


#: A seventh set (round 5, DEV4): written after DEV3 was tuned on and scored before any change
#: for it, as a check on generalisation. First run: passive-aggressive recall 2/10, desperate
#: 2/4, one of 12 clean sentences flagged ("I'll call your office once more on Monday if that
#: suits"). "Not sure if this is going to the right inbox since I haven't heard anything" is
#: both: the doubt, and "haven't heard anything" (accusatory, as in CASES). Tuned on since.
DEV4: list[tuple[str, tuple[str, ...]]] = [
    ('As I have pointed out on several occasions, I can start at short notice.', (PA,)),
    ('Again, please see my previous email for my availability.', (PA,)),
    ("I'm beginning to wonder whether my emails are being read at all.", (PA,)),
    ('Apologies for yet another email.', (PA,)),
    ("I've left you two voicemails and sent three emails.", (PA,)),
    ("Not sure if this is going to the right inbox since I haven't heard anything.", (A, PA)),
    ("Hoping this message doesn't get lost like the others.", (PA,)),
    ("As I've explained in previous correspondence, my salary expectations are flexible.", (PA,)),
    ('Re-sending this as my previous messages seem to have slipped through.', (PA,)),
    ('Could you at least confirm you are receiving my emails?', (PA,)),
    ("I've been glued to my phone since Friday.", (D,)),
    ("I'll do whatever you need, I just want this job so badly.", (D,)),
    ("I can't focus on anything else until I hear from you.", (D,)),
    ('I have bills piling up and really need this.', (D,)),
    ('As I mentioned during our call, I can start in June.', ()),
    ('Again, thank you for taking the time to meet me.', ()),
    ("I've attached my previous email below for easy reference, along with the new certificate.", ()),
    ('I wonder whether you had a chance to look at the portfolio link.', ()),
    ('My previous employer will send the reference letter directly.', ()),
    ('I wrote my thesis on distributed systems, as mentioned in my CV.', ()),
    ('Apologies for the duplicate email; the first one had no attachment.', ()),
    ("I'll call your office once more on Monday if that suits.", ()),
    ("I'm not sure if my previous email included the right attachment, so here it is.", ()),
    ('I checked my spam folder and found your invitation there, thank you.', ()),
]


def predict(texts: list[str]) -> list[set[str]]:
    """The tone rules that fire on each text."""
    cfg = Config(grammar=False, select=list(TONE_RULES))
    return [{f.rule for f in lint_note(t, config=cfg).findings} for t in texts]


def score(cases: list[tuple[str, tuple[str, ...]]],
          verbose: bool = False) -> dict[str, tuple[float, float, float]]:
    """Precision, recall and F1 per rule, by sentence."""
    texts = [t for t, _ in cases]
    got = predict(texts)
    table: dict[str, tuple[float, float, float]] = {}
    for rule in TONE_RULES:
        tp = fp = fn = 0
        for (text, want), have in zip(cases, got):
            w, h = rule in want, rule in have
            tp += w and h
            fp += h and not w
            fn += w and not h
            if verbose and w != h:
                print(f"  {'MISS' if w else 'FALSE'} {rule:18} {text}")
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        table[rule] = (p, r, f)
    return table


def timing(rounds: int = 5) -> tuple[float, float]:
    """Seconds per round: a bare parse of all cases, and the tone check alone on those parses."""
    from followup_lint.api import check_context
    from followup_lint.rules.tone import CHECK

    nlp = get_nlp()
    texts = [t for t, _ in CASES]
    note = "\n".join(texts)  # one long note as well as many short ones
    cfg = Config(grammar=False)
    parse_t, tone_t = [], []
    for _ in range(rounds):
        for text in texts + [note]:
            t0 = time.perf_counter()
            doc = nlp(text)
            t1 = time.perf_counter()
            lc = check_context(text, None, None, cfg, doc=doc)
            t2 = time.perf_counter()
            CHECK.run(lc)
            t3 = time.perf_counter()
            parse_t.append(t1 - t0)
            tone_t.append(t3 - t2)
    return sum(parse_t) / rounds, sum(tone_t) / rounds


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    print(f"model: {model_name()}")
    for name, cases in (("cases", CASES), ("held-out", HELDOUT), ("blind", BLIND), ("fresh", FRESH),
                        ("unseen", UNSEEN), ("dev2", DEV2), ("dev3", DEV3), ("dev4", DEV4),
                        ("all", CASES + HELDOUT + BLIND + FRESH + UNSEEN + DEV2 + DEV3 + DEV4)):
        counts = {r: sum(r in want for _, want in cases) for r in TONE_RULES}
        clean = sum(not want for _, want in cases)
        print(f"\n{name}: {len(cases)} sentences ({clean} clean); positives: "
              + ", ".join(f"{r} {n}" for r, n in counts.items()))
        table = score(cases, args.verbose and name != "all")
        print(f"{'rule':20} {'P':>6} {'R':>6} {'F1':>6}")
        for rule, (p, r, f) in table.items():
            print(f"{rule:20} {p:6.2f} {r:6.2f} {f:6.2f}")
        print(f"{'macro':20} {statistics.mean(v[0] for v in table.values()):6.2f} "
              f"{statistics.mean(v[1] for v in table.values()):6.2f} "
              f"{statistics.mean(v[2] for v in table.values()):6.2f}")
    print()
    get_nlp()
    timing(1)  # warm
    parse_s, tone_s = timing()
    print(f"time per round: parse {parse_s * 1e3:.1f} ms, tone check {tone_s * 1e3:.1f} ms "
          f"(tone/parse {tone_s / parse_s:.3f}; budget for all rules < 0.33)")


if __name__ == "__main__":
    main()
