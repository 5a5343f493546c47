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
# Speech acts that commit the speaker, whose infinitive is the content ("vowed to repeal the law").
COMMISSIVE_VERBS = wordset("""promise vow pledge threaten swear offer agree propose""")
# Speech acts addressed to someone, whose object and infinitive are the content ("urged Congress to act").
DIRECTIVE_VERBS = wordset("""urge ask tell warn call press encourage implore invite challenge order advise beg""")
CUE_VERBS = SPEECH_VERBS | BELIEF_VERBS
# Nouns for words someone said: "Trump's statement about 'thousands of shootings'" credits the words to Trump.
STATEMENT_NOUNS = wordset(
    """statement statements comment comments remark remarks claim claims words line lines promise promises
    pledge assertion description characterization prediction warning warnings vow accusation accusations
    insistence boast quote quip retort reply answer response argument case contention submission"""
)
# Nouns that name an attributed statement or stance; their complement is the content ("his support for X").
NOUN_CUES = wordset(
    """statement comment comments remark remarks claim claims criticism concern concerns support opposition
    call calls warning warnings promise promises pledge proposal plan view views position stance argument
    accusation accusations praise announcement assertion suggestion belief message vow threat demand
    demands attack attacks complaint complaints insistence acknowledgment admission denial defense defence
    endorsement objection objections opinion prediction questions question doubts fears hope hopes case
    contention submission"""
)
# Nouns for what goes round with no one named as saying it ('There is talk of ...', 'the rumour that ...', 'There
# are claims that ...').
HEARSAY_NOUNS = wordset("talk rumour rumor gossip report claim speculation suggestion allegation hearsay")
# Nouns for what someone holds true, whose 'that' clause is the content ('a view in the market that ...', 'the
# impression that ...'): a claim of whoever holds it, of no one in particular when no one does.
BELIEF_NOUNS = wordset("view belief feeling impression idea notion perception theory assumption suspicion")
# Verbs whose object carries an attributed stance ("called the plan 'a disaster'", "decried the 'cartel'").
STANCE_VERBS = wordset(
    """call describe praise criticize criticise decry bemoan rail lambaste blast slam attack accuse label
    brand hail tout refer cite quote read chant mouth echo push pledge promise vow warn urge demand dismiss
    reject defend blame credit applaud condemn denounce question mock ridicule thank characterize
    characterise portray paint deride welcome endorse oppose"""
)
# Verbs that count as a speech cue next to a direct quotation even without a clausal complement.
# Factive verbs: who uses one takes what follows as true ('you know, the market is up'), so what they report is
# their own claim too; so do the verbs that report a finding or a fact made known ('it was announced that the
# economy grew', 'the figures show that'), unlike those that report a claim ('argue', 'claim', 'say').
FACTIVE_VERBS = wordset(
    """know realize realise understand recognize recognise notice regret remember forget announce confirm reveal
    prove show demonstrate discover learn"""
)
# Verbs that ask the listener to suppose ('Imagine the bridge were closed', 'Can you imagine ...'): a condition, not
# a claim of the listener's.
SUPPOSING_VERBS = wordset("""suppose imagine pretend assume""")
# Verbs of assent: who foretells that another will assent ('you'll agree that ...', 'any economist would admit
# that ...') asserts what they will assent to.
ASSENT_VERBS = wordset("""agree admit concede acknowledge accept grant""")
# Verbs that put a name to something in the subject's own words ("described the deal as 'the gold standard'").
NAMING_VERBS = wordset(
    """call describe label brand dub characterize characterise portray refer hail tout praise deride mock"""
)
# Verbs whose subject is a person speaking ('the maestra said'), unlike 'the study found' or 'the data show'.
UTTERANCE_VERBS = wordset(
    """say tell add ask reply respond answer explain admit insist shout yell whisper scream cry laugh quip joke
    remark comment recall testify concede acknowledge complain protest sigh shrug smile grin recount write"""
)
# Verbs whose subject may be evidence rather than someone speaking ('the figures show', 'it will prove'): their
# complement is a claim of others only when a person or a body is their subject.
EVIDENCE_VERBS = wordset("""show prove demonstrate indicate reveal confirm find""")
# Verbs that report what their subject says is not so ("denied that the berth would cost more").
DENIAL_VERBS = wordset("""deny reject dispute refute rebut dismiss contest contradict""")
# Predicates that call a clause false ('... is a myth', 'It is nonsense that ...', an answer 'Wrong.'): the closed
# class the parse cannot tell from other adjectives and nouns.
FALSITY = wordset("myth false untrue wrong mistake lie nonsense ridiculous absurd fiction fake fantasy rubbish")
# Verbs that give words to someone other than their subject ('a post quotes him: "..."', 'a caption credits Ruiz
# with "..."', 'a meme attributes to her the line "..."'): the one credited is who is said to have said them.
CREDITING_VERBS = wordset("""quote credit attribute ascribe""")
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

# Titles that modify the role noun after them ('Chief Engineer', 'Senior Scientist'): the noun goes with them.
ROLE_MODIFIERS = wordset("chief senior junior deputy assistant associate acting vice former lead principal")
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
    detective trooper constable treasurer councillor cllr councilor principal dean provost
    trustee alderman clerk auditor comptroller marshal chairperson headteacher pastor rabbi imam bishop
    supervisor administrator activist organizer organiser volunteer lawmaker legislator consultant pollster
    lobbyist physician nurse teacher historian scholar diplomat envoy rapper singer actor actress comedian
    businessman businesswoman billionaire entrepreneur investor retired gen. lt. col. capt. sgt. adm.
    pc wpc ds di dci supt insp
    the a an u.s. us uk un eu"""
)

ORG_WORDS = wordset(
    """ministry department agency office committee commission council party campaign government
    administration company corporation corp inc ltd llc group association union federation institute
    university college school board bureau court parliament congress senate house police army navy
    force forces service services network news times post journal press newspaper magazine channel
    tribune herald guardian reuters bank fund foundation organization organisation coalition alliance
    authority authorities league club team firm center centre council regime embassy cabinet
    secretariat commission pac super"""
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
    virginia wendy whitney trish tish patti patty sandi deb becky jill shelley kelli kerri toni lori jody"""
)

# More given names by gender, international; a name used for both is left out of both lists.
MALE_NAMES = MALE_NAMES | wordset(
    """abdul abdullah abraham adel adrian ahmed ahmad aidan akira alain alberto aleksandr alexei alfonso alfred
    ali alistair amir anders andre andrea andreas andres angel anton antoine aris armando arnold arturo ashton
    barry bashar beau benedict benny bernard bernardo bert bjorn blake bo boris boyd brendan brent brett bryan
    byron caleb calvin cameron carlo cedric cesar chad chaim charlton chidi chip christoph cliff clifford clint
    clyde cody conor connor cornelius cory curtis cyrus dale dalton damian damon dante darius darrell darryl
    dean deepak desmond devin diego dimitri dmitry dominic donnie drew duane dustin dylan edgar eduardo edwin
    elias elijah elliott elmer emanuel emeka emil emmanuel emilio enrique erdogan erik ernest ernesto ernie
    esteban eugene ezra fabian farid felipe felix fernando francesco francis francisco franklin franz fred
    freddie frederick gabriel garrett gene geoffrey georg gerard gerhard giorgio giovanni glenn gonzalo grant
    gregor guillermo gunnar gustav gustavo guy hamid hans harold harvey hassan hector heinrich helmut herbert
    herman hiroshi horace hugo humberto hunter ibrahim igor ilya imran irving ivan jacques jaime jamal jamie
    jared jarrod javier jay jayden jens jerome jiang jin joao joaquin joey johan johannes jorge josef joshua
    julian julius junior kamal karim karl keir kemal kenji kent kirk klaus kofi konrad kwame lance lars
    laurence lawrence leo leonard leonardo leroy lester lewis lincoln lionel lloyd lorenzo louis lucas luca
    luiz lyndon malcolm manuel marcel marcelo mario marvin mason mateo mathias matthias maurice mauricio maxwell
    mehmet melvin micah miguel mikhail miles milton mitchell mohamed mohammad moses muhammadu narendra nasser
    nathaniel ned nelson nestor nicolas nikolai nils norman olaf oleg orlando otto pablo paolo pascal pedro
    percy perry pierre rafael rahul rainer ralph ramon randall raul reginald reid reinhard rene reuben ricardo
    ricky roberto rod rodney rodrigo roland rolf roman romeo ross rupert salman salvador sanjay santiago saul
    scotty sergio shane sheldon sherrod sidney silvio stanley stefan stefano sven tariq terrence theo theodore
    thiago tobias toby trevor tristan ulrich umar vernon victor viktor vincent volodymyr wade wallace warren
    werner wesley wilbur willard willie winston wolfgang xavier yasser yusuf zachary zoltan"""
)
FEMALE_NAMES = FEMALE_NAMES | wordset(
    """adele adriana agnes aisha alejandra alexa alexis alina allison alma amal amelia amira anastasia angelica
    anita annette antonia april ariana arlene ashley astrid audrey aurora ayanna beatrice belinda bella
    benazir bernadette bianca brigitte brittany camila candace carla carmen carolina carolyn cassandra
    catalina cecilia celia chantal charlene chiara chloe christiane cindy clara clarissa colleen connie
    constance consuelo corinne cristina daisy daniela danielle daphne dara darlene dawn delia denise diya
    dolores dominique edith eileen elena eliza elisabeth ella ellie eloise elsa emilia emmanuelle erica erika
    esther estelle eugenia eve fatima felicia fiona florence francesca freya gabriela gabrielle gail
    georgia geraldine gertrude gillian giulia gretchen greta gwen gwendolyn harriet hazel hilda hope ilhan
    imelda ines ingrid irene iris isabel isabella isabelle jacinda jacqueline jada jasmine jeanne jeannette
    jenna joanne jocelyn johanna josephine joy joyce juanita julianne juliet june justine kamala karina kari
    karin katarina kate katharina katrina kayleigh keisha kelly kendra kerry kirsty kristin kyla lana latoya
    laverne leah leila lena leslie lila liliana lillian lily lina lindsey liza lois lorena loretta lorraine
    luisa lydia mabel madison magdalena maggie malia mallory mara marcela marcia margaret margarita margo
    mariana marianne maribel marisol marissa marjorie marlene marta matilda maura maureen maxine maya mia
    michaela mildred miranda miriam molly mona muriel nadia nadine naomi natasha nathalie nellie nia nina
    noor nora norma odette olga olena opal paloma patrice pauline pearl penelope petra phoebe phyllis
    pilar polly priscilla priya rachael ramona raquel regina renee rhonda rita roberta robin rochelle rosalind
    rosalie rosemary roxanne sabrina sadie salma sandy sasha selena serena sheila sherry shirin silvia simone
    sofia sonia sophia stella sue susanna suzy svetlana sybil sylvia tamara tanya tara tatiana teri tessa
    thelma ursula vanessa vera veronica vicki vivian wanda whitney yasmin yolanda yvette yvonne zara zelda
    zoe"""
)

# Lowercase particles inside personal names, compared as part of the surname ('Ursula von der Leyen').
NAME_PARTICLES = wordset(
    """von van der den de del della dei da di du dos das do le la bin ibn bint al el ter ten zu af"""
)

# Single words that are places; a lone capitalised word that is none of these is taken as a name.
PLACES = wordset(
    """afghanistan africa alabama alaska albania algeria america americas angola antarctica arabia argentina
    arizona arkansas armenia asia atlanta australia austria azerbaijan baghdad bahrain baltimore bangladesh
    beijing beirut belarus belgium berlin bolivia bosnia boston botswana brazil britain brussels bulgaria
    cairo california cambodia cameroon canada caracas caribbean chad charlotte chicago chile china cleveland
    colombia colorado congo connecticut crimea croatia cuba cyprus czechia damascus dallas delaware denmark
    denver detroit donbas dubai dublin ecuador egypt england eritrea estonia ethiopia europe finland florida
    france gaza geneva georgia germany ghana greece greenland guatemala haiti havana hawaii honduras houston
    hungary iceland idaho illinois india indiana indonesia iowa iran iraq ireland israel istanbul italy
    jakarta jamaica japan jerusalem jordan kabul kansas kazakhstan kentucky kenya kiev kosovo kuwait kyiv
    lagos laos latvia lebanon liberia libya lisbon lithuania london louisiana luxembourg madrid maine
    malaysia mali malta manhattan manila maryland massachusetts mexico miami michigan minnesota minsk
    mississippi missouri moldova mongolia montana montenegro morocco moscow mozambique mumbai myanmar
    namibia nebraska nepal netherlands nevada nicaragua niger nigeria norway ohio oklahoma oman ontario
    oregon ottawa pakistan palestine panama paraguay paris pennsylvania persia peru philadelphia
    philippines phoenix pittsburgh poland portugal prague qatar quebec riyadh romania rome russia rwanda
    scotland seattle senegal seoul serbia shanghai singapore slovakia slovenia somalia spain stockholm sudan
    sweden switzerland sydney syria taipei taiwan tanzania tehran tennessee texas thailand tibet tokyo
    toronto tunisia turkey uganda ukraine uruguay utah uzbekistan venezuela vermont vienna vietnam virginia
    wales warsaw washington wisconsin wyoming yemen zambia zimbabwe"""
)

# Metonyms that speak for an institution ('the Kremlin said').
INSTITUTIONS = wordset("""kremlin pentagon vatican elysee élysée whitehall foggy zhongnanhai""")

# Singular nouns that describe a person by role, party or trait ('the senator', 'the Kentucky Republican').
ROLE_NOUNS = TITLES - wordset("the a an u.s. us uk un eu house senate press white state foreign interior") | wordset(
    """republican democrat independent libertarian conservative liberal progressive moderate populist
    socialist candidate nominee incumbent challenger frontrunner front-runner hopeful contender lawmaker
    legislator politician billionaire millionaire businessman businesswoman mogul tycoon entrepreneur
    investor banker activist organizer organiser campaigner voter resident citizen worker employee official
    spokesman spokeswoman spokesperson representative diplomat envoy negotiator minister premier monarch
    king queen pope cardinal priest pastor veteran soldier officer commander general admiral colonel
    captain lieutenant sergeant chief boss leader head founder owner chairman chairwoman ceo executive
    president vice-president veep secretary senator congressman congresswoman governor mayor judge justice
    attorney lawyer prosecutor defender sheriff detective agent analyst expert economist strategist
    pollster adviser advisor aide consultant lobbyist scholar historian professor researcher scientist
    doctor physician nurse teacher student author writer journalist reporter columnist commentator host advocate
    anchor editor actor actress singer rapper star comedian athlete player coach manager father mother son
    daughter husband wife brother sister uncle aunt grandfather grandmother widow widower man woman boy
    girl teen teenager youngster survivor victim witness neighbor neighbour friend"""
)
# Role nouns that say the person's gender.
ROLE_GENDER: dict[str, str] = {
    "businessman": "m", "businesswoman": "f", "congressman": "m", "congresswoman": "f", "spokesman": "m",
    "spokeswoman": "f", "chairman": "m", "chairwoman": "f", "king": "m", "queen": "f", "father": "m",
    "mother": "f", "son": "m", "daughter": "f", "husband": "m", "wife": "f", "brother": "m", "sister": "f",
    "uncle": "m", "aunt": "f", "grandfather": "m", "grandmother": "f", "widow": "f", "widower": "m", "man": "m",
    "woman": "f", "boy": "m", "girl": "f", "actor": "m", "actress": "f", "councilman": "m",
    "councilwoman": "f", "assemblyman": "m", "assemblywoman": "f", "priest": "m",
}  # fmt: skip
# Documents that speak for whoever issued them ("Ivana Trump's brief said", 'the ruling said').
DOCUMENT_NOUNS = wordset(
    """statement report letter memo memorandum ruling release brief filing submission email tweet post complaint
    lawsuit study survey poll analysis editorial decision opinion order note message ad advertisement video
    transcript document documents data website page column article story book memoir diary diaries paper dissent
    leaflet petition blog"""
)
# Abbreviated titles and synonyms, read as one role word when descriptions are compared.
TITLE_ABBREVIATIONS: dict[str, str] = {
    "justice": "judge", "congressman": "representative", "congresswoman": "representative",
    "spokesman": "spokesperson", "spokeswoman": "spokesperson", "chairman": "chair", "chairwoman": "chair",
    "businessman": "executive", "businesswoman": "executive", "ceo": "executive",
    "sen": "senator", "rep": "representative", "gov": "governor", "pres": "president", "gen": "general",
    "col": "colonel", "lt": "lieutenant", "sgt": "sergeant", "adm": "admiral", "capt": "captain",
    "prof": "professor", "dr": "doctor", "atty": "attorney", "sec": "secretary", "amb": "ambassador",
    "supt": "superintendent", "cmdr": "commander", "maj": "major",
}  # fmt: skip

# Days and months: capitalised, never a name ('Monday', 'September').
CALENDAR_WORDS = wordset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april june july august
    september october november december"""
)
# Month abbreviations, which are also given names ('Jan de Vries'): a date only as 'Jan.' or 'Jan 5'.
MONTH_ABBREVIATIONS = wordset("jan feb mar apr jun jul aug sep sept oct nov dec")

# Titles that say the name after them is a person's ('Sen. Ann Lee', 'Mrs. Clinton').
PERSON_TITLES = TITLES - wordset(
    """the a an u.s. us uk un eu white house senate press state foreign interior defense defence treasury
    health party leader leaders former acting deputy assistant democrat republican democratic presidential
    vice chief prime official officials"""
)
# Words for a kind of body: 'the union said' means the organisation just named, and a name in apposition
# with one ('Pioneer Waste, the town's hauler' is not; 'Sundstrom Marine, a family firm') is an organisation.
ORG_KINDS = wordset(
    """union company firm group organization organisation agency association coalition network newspaper paper
    publication website outlet federation alliance foundation chain utility nonprofit charity operator supplier
    developer manufacturer maker carrier studio label museum hospital bank insurer retailer brand club team
    business institute orchestra ensemble band"""
)
# Words that end an organisation's name, never a person's.
ORG_ENDINGS = wordset(
    """church temple mosque synagogue cathedral hospital clinic museum library airport station hotel
    communications media industries partners holdings systems technologies labs consulting associates
    research center centre school academy"""
)
# Words that end a place's name ('Easter Island', 'Kaneohe Bay').
PLACE_ENDINGS = wordset(
    """island islands isles atoll bay coast beach mountain mountains valley county district province city
    village town park street avenue road square hall building bridge river lake sea ocean gulf peninsula
    desert canyon falls heights hills harbor harbour port point cape ridge creek quay pier wharf"""
)
# Words that end the name of a law, event or thing, which never speaks ('Clean Air Act', 'Election Day').
THING_ENDINGS = wordset(
    """act plan day war law bill amendment agreement accord treaty program programme initiative summit
    conference convention festival award prize cup championship games olympics doctrine deal report
    assessment change tax care reform protocol movement revolution era"""
)


def regular_forms(lemma: str) -> frozenset[str]:
    """A verb's regular forms (say, says, saying, ...; deny, denies, denied, ...): a superset, for lookups."""
    forms = {lemma, lemma + "s", lemma + "es", lemma + "ed", lemma + "d", lemma + "ing"}
    if lemma.endswith("e"):
        forms.add(lemma[:-1] + "ing")
    if lemma.endswith("y"):
        forms.update((lemma[:-1] + "ies", lemma[:-1] + "ied"))
    forms.update((lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"))
    return frozenset(forms)


DENIAL_FORMS = frozenset(form for lemma in DENIAL_VERBS for form in regular_forms(lemma))

# The forms of "be" that join a subject to what it is (the extractor runs without a lemmatizer).
COPULA = frozenset({"is", "are", "was", "were", "be", "been", "'s"})
