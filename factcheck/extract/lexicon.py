"""Word lists the rules rely on: reporting verbs, titles, pronouns, first names by gender."""

from __future__ import annotations

from factcheck.names import wordset

# Verbs whose subject is the source of a clausal complement (speech, writing, stance, belief).
SPEECH_VERBS = wordset(
    """say tell add write ask note report announce suggest argue explain declare claim insist warn deny
    acknowledge admit state confirm tweet post reply respond answer continue predict promise vow pledge urge
    describe accuse criticize criticise complain testify recall remark comment observe concede contend assert
    maintain stress emphasize emphasise reveal disclose indicate mention repeat boast joke quip shout yell
    whisper cry scream allege charge conclude signal hint propose recommend demand caution threaten assure
    reassure inform advise notify brief counter retort rebut lament speculate guess estimate agree disagree
    reiterate affirm proclaim announce testify posit theorize theorise clarify elaborate exclaim muse
    predict project forecast calculate show find suggest point learn hear tout brag insinuate imply
    argue echo shoot fire lash hit slam blast attack mock ridicule praise thank apologize apologise"""
)
# Stance and belief verbs: PolNeAR-style attributions of internal states.
BELIEF_VERBS = wordset(
    """think believe hope expect fear feel know worry doubt wonder understand suspect assume recognize
    recognise realize realise consider acknowledge bet imagine figure reckon trust sense"""
)
# Verbs that take an infinitive as the attributed content ("wants to", "vowed to").
INTENT_VERBS = wordset("""want plan promise vow pledge threaten refuse decline intend hope aim seek""")
CUE_VERBS = SPEECH_VERBS | BELIEF_VERBS
# Verbs whose object alone is an attributed stance or proposal ("endorsed the plan", "called for a ban").
OBJECT_VERBS = wordset(
    """endorse support oppose criticize criticise accuse praise defend reject attack blame propose question
    condemn denounce applaud welcome dismiss decry slam blast urge demand back favor favour tout push express
    discuss mention cite highlight describe acknowledge admit deny promote champion embrace call announce
    pledge promise vow warn want seek predict expect ask plan hope fear recommend suggest claim"""
)
# Nouns that name an attributed statement or stance; their complement is the content ("his support for X").
NOUN_CUES = wordset(
    """statement comment comments remark remarks claim claims criticism concern concerns support opposition
    call calls warning warnings promise promises pledge proposal plan view views position stance argument
    accusation accusations praise announcement assertion suggestion belief message vow threat demand
    demands attack attacks complaint complaints insistence acknowledgment admission denial defense defence
    endorsement objection objections opinion prediction questions question doubts fears hope hopes"""
)
# Verbs whose topic phrase is attributed content ("talked about the deficit", "pressed for a vote").
TOPIC_VERBS = wordset("""talk speak campaign advocate press lobby lecture rail testify joke""")
# Verbs whose object carries an attributed stance ("called the plan 'a disaster'", "decried the 'cartel'").
STANCE_VERBS = wordset(
    """call describe praise criticize criticise decry bemoan rail lambaste blast slam attack accuse label
    brand hail tout refer cite quote read chant mouth echo push pledge promise vow warn urge demand dismiss
    reject defend blame credit applaud condemn denounce question mock ridicule thank characterize
    characterise portray paint deride welcome endorse oppose"""
)
# Verbs that count as a speech cue next to a direct quotation even without a clausal complement.
QUOTE_VERBS = SPEECH_VERBS | wordset("""call put begin start go chime pipe interject bark chant""")

PRONOUN_GENDER: dict[str, str] = {
    "he": "m", "him": "m", "his": "m", "himself": "m",
    "she": "f", "her": "f", "hers": "f", "herself": "f",
    "it": "n", "its": "n", "itself": "n",
    "they": "p", "them": "p", "their": "p", "we": "p", "us": "p",
    "i": "s", "me": "s", "you": "s",
}  # fmt: skip

HONORIFIC_GENDER: dict[str, str] = {
    "mr": "m", "mister": "m", "sir": "m", "lord": "m", "king": "m", "prince": "m", "father": "m",
    "mrs": "f", "ms": "f", "miss": "f", "madam": "f", "dame": "f", "lady": "f", "queen": "f",
    "princess": "f", "sister": "f",
}  # fmt: skip

# Lowercased words that precede a name as a role and are peeled off the speaker.
TITLES = wordset(
    """mr mrs ms miss dr prof professor sir dame lord lady rev reverend fr father sister president
    vice pres sen senator rep representative gov governor mayor judge justice gen general col colonel maj
    major capt captain lt lieutenant sgt sergeant adm admiral cmdr commander chancellor minister premier
    secretary spokesman spokeswoman spokesperson chairman chairwoman chair chief ceo cfo coo director
    ambassador commissioner attorney officer officials official former acting deputy assistant house
    senate press white candidate nominee democrat republican democratic republican presidential sheriff
    coach prime foreign interior defense defence state treasury health party leader leaders analyst
    economist professor researcher scientist doctor dr. mr. mrs. ms. sen. rep. gov. gen. pope king queen
    prince princess queen host anchor reporter correspondent editor author writer strategist adviser
    advisor aide manager founder chairman executive owner councilman councilwoman congressman
    congresswoman assemblyman assemblywoman speaker whip counsel lawyer inspector superintendent
    detective trooper constable treasurer councillor councilor principal dean provost
    trustee alderman clerk auditor comptroller marshal chairperson headteacher pastor rabbi imam bishop
    the a an u.s. us uk un eu"""
)

ORG_WORDS = wordset(
    """ministry department agency office committee commission council party campaign government
    administration company corporation corp inc ltd llc group association union federation institute
    university college school board bureau court parliament congress senate house police army navy
    force forces service services network news times post journal press newspaper magazine channel
    tribune herald guardian reuters bank fund foundation organization organisation coalition alliance
    authority authorities league club team firm center centre council regime embassy cabinet
    secretariat commission pac super statement spokesman spokeswoman spokesperson"""
)

# First words of multi-word place names, which otherwise look like 'Firstname Lastname'.
PLACE_STARTS = wordset(
    """new north south east west san los las santa saint st. fort port united saudi hong sri costa puerto
    great little upper lower mount"""
)

# Quote marks that can enclose a nickname inside a name.
NICKNAME_MARKS = frozenset({'"', "'", "\u201c", "\u201d", "\u2018", "\u2019"})

SKIP_SUBJECTS = wordset("""who which that what this these those there here one""")

MALE_NAMES = wordset(
    """aaron adam alan albert alex alexander andrew angus anthony antonio arthur barack ben benjamin bernie
    bill billy bob bobby brad brandon brett brian bruce carl carlos charles charlie chris christian
    christopher chuck clarence colin craig dan daniel danny darren dave david dennis derek dick don donald
    doug douglas duncan dwight earl ed eddie edward eric ethan evan frank fred gary gavin george gerald
    gordon graham greg gregory harry henry howard hugh ian isaac jack jacob jake james jason jeb jeff
    jeffrey jeremy jerry jesse jim jimmy joe joel john johnny jon jonathan jordan jose joseph josh joshua
    juan justin keith ken kenneth kevin kurt larry lee leon liam luis luke marco marcus mark martin matt
    matthew max michael mike mitch mitt mohammed muhammad nathan neil nick nicholas nigel noah oliver omar
    oscar owen patrick paul pete peter phil philip rand randy ray raymond reince richard rick rob robert
    roger ron ronald roy rudy russell ryan sam samuel scott sean sebastian sergei seth simon stephen
    steve steven stuart ted terry thomas tim timothy todd tom tommy tony travis trey troy tyler vladimir
    walter wayne will william xi yuri zach"""
)
FEMALE_NAMES = wordset(
    """abigail ada alexandria alice alicia alison amanda amy ana andrea angela angelina ann anna anne
    annie barbara betsy betty beverly brenda bridget caroline carly carol catherine charlotte chelsea
    cheryl christina christine claire claudia cynthia dana deborah debbie debra diana diane donna doris
    dorothy elaine eleanor elizabeth ellen emily emma erin eva evelyn frances gina gloria grace hannah
    heather heidi helen hillary holly huma ivanka jen jenny jane janet janice jean jennifer jessica jill joan
    joanna jodi judith judy julia julie karen kate katherine kathleen kathy katie kay kellyanne kim
    kirsten kristen laura lauren linda lisa liz lori louise lucy lynn madeleine maria marie marilyn
    martha mary megan melania melissa meredith michelle monica nancy natalie nicole nikki olivia pam
    pamela patricia paula peggy rachel rebecca rosa rose ruth sally samantha sandra sara sarah sharon
    shirley sophie stephanie susan suzanne tammy teresa theresa tiffany tina tulsi valerie victoria
    virginia wendy whitney"""
)
