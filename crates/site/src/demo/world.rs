//! The fictional world of the demo newsroom: an independent English-language
//! outlet in the made-up Baltic country of Varnia. Every name, person and
//! sentence here is invented for Newsdesk.

pub const OUTLET: &str = "The Harbour Ledger";
pub const TAGLINE: &str = "Independent news from Varnia and the Arren Gulf";
pub const TIMEZONE: &str = "Europe/Helsinki";

pub struct AuthorSpec {
    pub name: &'static str,
    pub role: &'static str,
    pub bio: &'static str,
    pub colour: &'static str,
}

pub const AUTHORS: &[AuthorSpec] = &[
    AuthorSpec {
        name: "Marta Lindqvist",
        role: "Editor-in-chief",
        bio: "Marta Lindqvist founded The Harbour Ledger after twelve years at regional dailies along the Arren Gulf. She edits the paper's investigations and writes a Sunday column on how Varnia is governed.",
        colour: "#7a2e2e",
    },
    AuthorSpec {
        name: "Oskar Venn",
        role: "Politics editor",
        bio: "Oskar Venn covers the National Assembly, the coalition and the parties that want to replace it. Before joining the Ledger he was a parliamentary researcher, which is why he reads every committee report to the end.",
        colour: "#2e4a7a",
    },
    AuthorSpec {
        name: "Hanna Peel",
        role: "Economics correspondent",
        bio: "Hanna Peel writes about prices, wages, the central bank and the businesses of the Gulf ports. She studied economics in Estholm and spent four years as a market reporter before moving to news.",
        colour: "#2e6b4f",
    },
    AuthorSpec {
        name: "Jonas Aro",
        role: "Energy and climate reporter",
        bio: "Jonas Aro follows the grid, the wind farms off the Northern Coast and the long argument over how Varnia heats its homes. He grew up on the Vell Islands and still takes the ferry to work when the weather allows.",
        colour: "#3d6b7a",
    },
    AuthorSpec {
        name: "Sofia Karvo",
        role: "Health reporter",
        bio: "Sofia Karvo reports on hospitals, waiting lists and public health. She trained as a nurse before turning to journalism and keeps a close eye on how decisions in Estholm reach wards in smaller towns.",
        colour: "#6b2e6b",
    },
    AuthorSpec {
        name: "Daniel Okafor",
        role: "Transport and cities correspondent",
        bio: "Daniel Okafor covers railways, roads, ports and the way Varnia's cities are planned and built. He previously reported from Trennport for a shipping trade weekly.",
        colour: "#7a5a2e",
    },
    AuthorSpec {
        name: "Elin Moss",
        role: "Culture writer",
        bio: "Elin Moss writes about books, theatre, music and the schools and universities that feed them. She has judged the Estholm Short Fiction Prize and hosts the Ledger's monthly culture newsletter.",
        colour: "#5a2e7a",
    },
    AuthorSpec {
        name: "Rafael Duarte",
        role: "Defence and justice correspondent",
        bio: "Rafael Duarte covers the armed forces, the courts and the security of the Arren Gulf. He has reported on trials in three countries and on naval exercises from the deck of a minesweeper.",
        colour: "#2e2e7a",
    },
    AuthorSpec {
        name: "Ines Tamm",
        role: "News Feed editor",
        bio: "Ines Tamm runs the News Feed from early morning, turning statements, court rulings and reports from our correspondents into short, checked updates.",
        colour: "#7a2e5a",
    },
    AuthorSpec {
        name: "Viktor Saar",
        role: "Video producer",
        bio: "Viktor Saar films and edits the Ledger's video reports and interviews. He started out as a camera operator for regional television and still prefers a handheld shot.",
        colour: "#4f4f4f",
    },
];

pub struct TagSpec {
    pub name: &'static str,
    pub kind: &'static str,
    pub description: &'static str,
}

const fn tag(name: &'static str, kind: &'static str, description: &'static str) -> TagSpec {
    TagSpec { name, kind, description }
}

pub const TAGS: &[TagSpec] = &[
    // Sections
    tag("News", "section", "The day's reporting from across Varnia and the Arren Gulf."),
    tag("Business", "section", "Companies, markets, trade and work."),
    tag("Analysis", "section", "Our correspondents explain what lies behind the headlines."),
    tag("Investigations", "section", "Long-form reporting that takes months, not hours."),
    // Topics
    tag("Politics", "topic", "The coalition, the opposition and the National Assembly."),
    tag("Economy", "topic", "Prices, wages, growth and the public purse."),
    tag("Energy", "topic", "Power, heat, fuel and the grid that carries them."),
    tag("Climate", "topic", "Storms, coastlines, emissions and how the country adapts."),
    tag("Health", "topic", "Hospitals, clinics, waiting lists and public health."),
    tag("Transport", "topic", "Rail, roads, ferries and ports."),
    tag("Housing", "topic", "Rents, building, mortgages and who can afford a home."),
    tag("Technology", "topic", "Start-ups, public IT and the rules for both."),
    tag("Defence", "topic", "The armed forces, alliances and the security of the Gulf."),
    tag("Justice", "topic", "Courts, police and the law."),
    tag("Education", "topic", "Schools, universities and the people who teach in them."),
    tag("Culture", "topic", "Books, stage, screen and music."),
    // Places
    tag("Estholm", "place", "The capital, seat of government and home to a third of Varnians."),
    tag("Korvik", "place", "The country's second city and its industrial heart."),
    tag("Trennport", "place", "Deep-water port at the mouth of the Arren Gulf."),
    tag("Lindmark", "place", "University town in the lake district."),
    tag("Haldvik", "place", "Fishing town on the Northern Coast."),
    tag("Saaremoor", "place", "Farming region in the south-east."),
    tag("Vell Islands", "place", "Archipelago linked to the mainland by ferry."),
    tag("Northern Coast", "place", "The exposed shore from Haldvik to the border."),
    tag("Arren Gulf", "place", "The shared sea that carries most of Varnia's trade."),
    tag("Brask Valley", "place", "Former mining valley, now home to the largest solar farms."),
    // People
    tag("Ilse Varga", "person", "Prime Minister of Varnia since the last general election."),
    tag("Teodor Maaren", "person", "Minister of Finance."),
    tag("Katrin Oll", "person", "Leader of the opposition Civic Alliance."),
    tag("Mikael Rask", "person", "Mayor of Estholm."),
    tag("Lena Sarv", "person", "Chief Medical Officer."),
    tag("Aivar Klemm", "person", "Minister of Defence."),
    tag("Noor Haddad", "person", "Chief executive of the Trennport Port Authority."),
    tag("Paulus Ek", "person", "Chair of the Transport Workers' Union."),
    // Organisations
    tag("National Assembly", "organisation", "Varnia's single-chamber parliament of 121 members."),
    tag("Central Bank of Varnia", "organisation", "Sets interest rates and supervises the banks."),
    tag("VarGrid", "organisation", "The state-owned operator of the national power grid."),
    tag("Trennport Port Authority", "organisation", "Runs the country's largest port."),
    tag("Transport Workers' Union", "organisation", "Represents rail, ferry and dock workers."),
    tag("Civic Alliance", "organisation", "The largest opposition party."),
    tag("Estholm University Hospital", "organisation", "The country's largest hospital and teaching centre."),
];

/// A subject the newsroom covers: who writes it, what it is tagged with,
/// and the phrases its stories are built from.
pub struct Beat {
    pub topic: &'static str,
    pub author: usize,
    pub section: &'static str,
    pub people: &'static [&'static str],
    pub orgs: &'static [&'static str],
    pub headlines: &'static [&'static str],
    pub standfirsts: &'static [&'static str],
    pub paragraphs: &'static [&'static str],
    pub quotes: &'static [&'static str],
}

pub const BEATS: &[Beat] = &[
    Beat {
        topic: "Politics",
        author: 1,
        section: "News",
        people: &["Ilse Varga", "Katrin Oll"],
        orgs: &["National Assembly", "Civic Alliance"],
        headlines: &[
            "{person} faces confidence vote over {issue}",
            "Coalition agrees compromise on {issue} after {n}-hour talks",
            "{org} committee summons ministers over {issue}",
            "Opposition demands inquiry into {issue}",
            "{person} promises new bill on {issue} before summer recess",
        ],
        standfirsts: &[
            "The vote in the National Assembly is expected on {weekday}, with the coalition counting on {n} votes it cannot yet be sure of.",
            "Both sides claimed victory, but the text published overnight leaves the hardest questions for later.",
            "Lawmakers want to know who knew what, and when, about {issue}.",
        ],
        paragraphs: &[
            "The coalition holds {n} of the 121 seats in the National Assembly, a majority that has shrunk twice since the election. Two members of the junior partner said on {weekday} that they had not decided how to vote on {issue}.",
            "{person} told reporters outside the government building in Estholm that the plan was \"the only serious offer on the table\" and that she would not reopen it line by line.",
            "The Civic Alliance, which leads the opposition, has called the proposal rushed. Its parliamentary group met for three hours on {weekday} evening and left without a common position.",
            "Committee hearings on {issue} are due to start next week. The chair said ministers would be asked to appear in person rather than send written answers, a change from earlier rounds.",
            "Polls published this month put support for the coalition parties at {pct} percent combined, down from the election result, while the Civic Alliance has gained steadily in {place} and the south-east.",
        ],
        quotes: &[
            "We were elected to make decisions, not to commission another report about them.",
            "Nobody in this building has seen the full figures, and that is the problem.",
        ],
    },
    Beat {
        topic: "Economy",
        author: 2,
        section: "Business",
        people: &["Teodor Maaren"],
        orgs: &["Central Bank of Varnia"],
        headlines: &[
            "Central bank holds rate at {pct} percent as inflation cools",
            "Inflation falls to {pct} percent, lowest in {n} months",
            "{person} unveils spending plan with {money} for {issue}",
            "Factory orders in {place} drop for third month running",
            "Wages outpace prices in {place} for the first time since the energy shock",
        ],
        standfirsts: &[
            "Economists had expected the decision, but the bank's statement hinted at what could come next.",
            "Food and fuel drove most of the change, according to the statistics office.",
            "The plan still has to pass the National Assembly, where the finance committee meets on {weekday}.",
        ],
        paragraphs: &[
            "Consumer prices rose {pct} percent in the year to last month, the statistics office said on {weekday}. Food prices, which had driven much of the increase last winter, were broadly flat, while rents continued to climb in Estholm and {place}.",
            "The Central Bank of Varnia left its main rate unchanged and said it would \"watch wage settlements closely\" before deciding on a cut. Two of the seven members of its rate committee voted for a reduction.",
            "Businesses in {place} say demand has not yet recovered. A survey of {n} firms by the regional chamber of commerce found that a third had postponed investment until next year.",
            "The finance ministry expects the economy to grow by about {pct} percent this year, a forecast independent economists describe as optimistic but not implausible.",
            "Exporters are watching the Arren Gulf shipping rates as closely as the interest rate. Container costs from Trennport have fallen by {n} percent since the spring.",
        ],
        quotes: &[
            "Families have felt every one of these price rises, and they will not feel the fall straight away.",
            "The numbers are better, but better is not the same as good.",
        ],
    },
    Beat {
        topic: "Energy",
        author: 3,
        section: "News",
        people: &["Ilse Varga"],
        orgs: &["VarGrid"],
        headlines: &[
            "VarGrid approves {money} cable to the Vell Islands",
            "Wind farm off {place} reaches full power a year late",
            "Heating bills to fall by {pct} percent this winter, regulator says",
            "Brask Valley solar park to add {n} megawatts",
            "Grid operator warns of tight supply as cold snap reaches {place}",
        ],
        standfirsts: &[
            "The project has been argued over for a decade; construction could start next spring.",
            "The regulator's estimate assumes a mild winter and no new shocks on the gas market.",
            "Engineers say the network can cope, but only if large users cut demand at peak hours.",
        ],
        paragraphs: &[
            "VarGrid, the state-owned grid operator, said the new line would carry up to {n} megawatts and end the islands' dependence on diesel generators during storms.",
            "Households in {place} pay some of the highest network charges in the country because of the long distances involved, according to the energy regulator's annual report.",
            "The turbines stand {n} kilometres offshore. Construction was delayed by a dispute over the cable route and by two seasons of unusually rough weather.",
            "Solar output from the Brask Valley now covers roughly {pct} percent of national demand on a clear summer day, up from almost nothing five years ago.",
            "Critics say the government has been slow to support home insulation, which would cut bills more than any new power station. The energy ministry says a grant scheme will open next year.",
        ],
        quotes: &[
            "Every winter we learn where the weak points are. This one fixes the worst of them.",
            "People on the islands have been promised this cable more times than they can count.",
        ],
    },
    Beat {
        topic: "Climate",
        author: 3,
        section: "Analysis",
        people: &["Mikael Rask"],
        orgs: &["VarGrid"],
        headlines: &[
            "Storm surge floods harbour district in {place}",
            "Coastal towns ask for {money} to raise sea walls",
            "Estholm sets {n}-point plan to end coal heating by 2030",
            "Record warm autumn delays ice near {place}",
        ],
        standfirsts: &[
            "Residents were moved to higher ground overnight as water rose faster than forecast.",
            "Mayors along the coast say their budgets cannot cover the work alone.",
            "Scientists say such seasons will become the norm within two decades.",
        ],
        paragraphs: &[
            "Water reached {n} centimetres above the normal level in the old harbour of {place} on {weekday} night, flooding cellars and closing the coast road for several hours.",
            "The meteorological institute said the combination of strong westerly winds and high tide was rare but no longer exceptional: three of the five highest surges on record have come in the past decade.",
            "Municipal engineers estimate that raising and strengthening sea walls along the Northern Coast would cost at least {money}, spread over ten years.",
            "{person} said the city would publish a detailed plan in the spring and promised that no household would be left paying for a new heating connection it could not afford.",
            "Fishermen in Haldvik say the later freeze has changed where and when they can work. Some now keep boats in the water through December for the first time.",
        ],
        quotes: &[
            "We cannot keep paying for the same flood twice.",
            "The sea has already decided. What we decide is how ready we are.",
        ],
    },
    Beat {
        topic: "Health",
        author: 4,
        section: "News",
        people: &["Lena Sarv"],
        orgs: &["Estholm University Hospital"],
        headlines: &[
            "Waiting lists for hip surgery fall below {n} weeks",
            "{person} urges flu jabs as cases rise in {place}",
            "Estholm University Hospital opens {n}-bed children's ward",
            "Rural clinics to get {money} for night-time cover",
            "Nurses in {place} accept pay offer after months of talks",
        ],
        standfirsts: &[
            "The health ministry credits extra evening operating sessions, but surgeons warn the gains are fragile.",
            "Doctors say the season has started earlier than usual and hit older patients hardest.",
            "The ward has {n} beds and was built in eighteen months, ahead of schedule.",
        ],
        paragraphs: &[
            "The average wait for a planned hip or knee operation fell to {n} weeks in the last quarter, according to figures from the national health board, the shortest since records began in their current form.",
            "{person}, the chief medical officer, said vaccination rates among people over 65 were {pct} percentage points lower than at the same point last year and urged GPs to contact patients directly.",
            "Staff at Estholm University Hospital say the new ward will relieve pressure on the emergency department, where children have sometimes waited in corridors during the winter peak.",
            "Clinics in {place} have struggled to find doctors willing to work nights. Under the new scheme, physicians from the city hospitals will cover rural rotas in exchange for extra pay and housing.",
            "Patient groups welcomed the figures but said waiting times for mental health services had not improved and remained the longest in the health system.",
        ],
        quotes: &[
            "We have the beds. What we need is the people to staff them every night of the year.",
            "A shorter list is good news only if it stays short next winter.",
        ],
    },
    Beat {
        topic: "Transport",
        author: 5,
        section: "News",
        people: &["Paulus Ek", "Noor Haddad"],
        orgs: &["Transport Workers' Union", "Trennport Port Authority"],
        headlines: &[
            "Ferry workers call {n}-hour strike on Vell Islands routes",
            "High-speed line via {place} gets final approval",
            "Trennport handles record {n},000 containers in a month",
            "Night trains to return between {place} and the capital",
            "Port authority and dockers reach deal on automation after {n} meetings",
        ],
        standfirsts: &[
            "Islanders have been told to expect cancellations from {weekday} morning.",
            "The journey between the two largest cities would fall to under an hour.",
            "The port says a new crane system and longer opening hours explain most of the increase.",
        ],
        paragraphs: &[
            "The Transport Workers' Union said the strike was a last resort after talks over rotas and overtime broke down on {weekday}. Its chair, {person}, said members had voted {pct} percent in favour.",
            "The rail administration expects the new line to carry {n},000 passengers a day once it opens, taking traffic off the motorway that links Korvik and Estholm.",
            "Trennport Port Authority said volumes were up {pct} percent on the same month last year. Most of the growth came from transhipment cargo bound for other ports around the Arren Gulf.",
            "Commuters in {place} have complained for years about cancelled services and trains that are too short at peak times. The operator says new carriages will arrive next autumn.",
            "The agreement guarantees that no docker will lose their job because of automation before 2030, and sets up a retraining fund paid for by the port.",
        ],
        quotes: &[
            "Nobody wants to leave the islands without a ferry, but we cannot keep running the service on goodwill.",
            "A port that stands still in this market is a port that shrinks.",
        ],
    },
    Beat {
        topic: "Housing",
        author: 2,
        section: "Business",
        people: &["Mikael Rask", "Teodor Maaren"],
        orgs: &["Central Bank of Varnia"],
        headlines: &[
            "Estholm rents rise {pct} percent in a year",
            "City plans {n},000 homes on old rail yards",
            "First-time buyers in {place} squeezed as mortgage rules tighten",
            "Tenants in {place} win case against landlord over repairs",
        ],
        standfirsts: &[
            "The increase is the steepest outside the capital's central districts.",
            "The first flats could be ready in four years, if the plan survives the council vote.",
            "Banks must now check that borrowers could cope with a rate {pct} points higher.",
        ],
        paragraphs: &[
            "The average rent for a two-room flat in Estholm reached the highest level on record last quarter, according to the national housing agency, with the sharpest rises in districts near the new tram line.",
            "{person} said the city would require a third of the new homes to be let at regulated rents, a condition developers say will make some of the plots hard to finance.",
            "Construction starts fell by {pct} percent last year as higher interest rates and building costs made projects unprofitable, the builders' federation said.",
            "Housing campaigners in {place} say the problem is less the number of homes than their condition. Many blocks built in the 1970s still have their original windows and heating.",
        ],
        quotes: &[
            "A young nurse should be able to live in the city where she works.",
            "You cannot build cheaply on expensive land with expensive money.",
        ],
    },
    Beat {
        topic: "Technology",
        author: 3,
        section: "Business",
        people: &["Teodor Maaren"],
        orgs: &["National Assembly"],
        headlines: &[
            "Government's digital ID app goes down for {n} hours",
            "Lindmark start-up raises {money} for battery recycling",
            "Assembly passes law on algorithmic hiring tools by {n} votes",
            "Tax office to spend {money} replacing ageing system",
        ],
        standfirsts: &[
            "Citizens could not sign in to tax, health or benefits services during the outage.",
            "The company plans to build its first plant near the Brask Valley solar farms.",
            "Employers will have to tell applicants when software screens their CV.",
        ],
        paragraphs: &[
            "The digital agency said a faulty update to the login service caused the outage and that no personal data had been exposed. Services were restored shortly after {time}.",
            "The start-up, founded by three graduates of Lindmark University, says its process recovers {pct} percent of the lithium from used batteries and needs far less energy than smelting.",
            "The new law requires companies with more than {n} employees to keep records of how automated tools rank candidates, and gives applicants the right to ask for a human review.",
            "Auditors have warned for years that the tax system, first built in the 1990s, depends on a handful of specialists who are close to retirement.",
        ],
        quotes: &[
            "When one login fails, the whole state goes dark. That cannot happen again.",
            "We want the batteries that power Varnia to be made from batteries that already did.",
        ],
    },
    Beat {
        topic: "Defence",
        author: 7,
        section: "News",
        people: &["Aivar Klemm"],
        orgs: &["National Assembly"],
        headlines: &[
            "Navy begins Arren Gulf exercise with {n} ships",
            "Defence budget to reach {pct} percent of GDP, {person} says",
            "Conscription review proposes {n} extra days for reservists",
            "Undersea cable damaged off {place}, navy confirms",
        ],
        standfirsts: &[
            "{n} ships and several thousand personnel will take part over two weeks.",
            "The increase would be phased in over three years and paid for partly by borrowing.",
            "Investigators have not ruled out an accident, but say the damage pattern is unusual.",
        ],
        paragraphs: &[
            "The exercise will test how quickly the navy can clear shipping lanes into Trennport and protect the cables and pipelines that cross the Arren Gulf, the defence ministry said.",
            "{person} told the National Assembly's defence committee that the increase was necessary to replace equipment bought in the 1990s and to fill gaps in air defence.",
            "The review suggests raising the annual refresher training for reservists from {n} to fourteen days and creating a volunteer cyber unit.",
            "Coast guard vessels have been stationed above the damaged section of cable while divers examine it. Traffic through the Gulf has not been affected.",
        ],
        quotes: &[
            "Our sea is our lifeline. Everything we import and export passes through it.",
            "Deterrence only works if it is visible.",
        ],
    },
    Beat {
        topic: "Justice",
        author: 7,
        section: "Investigations",
        people: &["Mikael Rask"],
        orgs: &["National Assembly"],
        headlines: &[
            "Former port official jailed for {n} months for bribery",
            "Supreme Court strikes down {n} sections of surveillance law",
            "Police in {place} to wear body cameras from spring",
            "Court in {place} backs journalists' right to protect sources",
        ],
        standfirsts: &[
            "The court found he had taken payments in return for favourable berth allocations.",
            "The ruling gives the Assembly six months to rewrite the contested sections.",
            "The trial follows complaints about how arrests were handled during last summer's protests.",
        ],
        paragraphs: &[
            "The district court sentenced him to {n} months in prison and ordered the confiscation of the payments, which prosecutors said totalled {money} over five years.",
            "In a unanimous ruling, the Supreme Court found that allowing police to read messages without a judge's prior approval breached the constitution's protection of private correspondence.",
            "The police board in {place} said cameras would be issued first to officers on night patrols. Footage will be kept for {n} days unless it is needed as evidence.",
            "Press freedom groups welcomed the decision, which they said would set a precedent for reporters across the Arren Gulf region.",
        ],
        quotes: &[
            "The law must follow the constitution, not the other way round.",
            "Trust is built when people can see what happened.",
        ],
    },
    Beat {
        topic: "Education",
        author: 6,
        section: "News",
        people: &["Ilse Varga"],
        orgs: &["National Assembly"],
        headlines: &[
            "Schools in {place} short of {n} teachers as term starts",
            "Lindmark University tops regional ranking in {n} subjects",
            "Free school meals to reach {n},000 more pupils",
        ],
        standfirsts: &[
            "Head teachers say classes are being merged and some subjects dropped.",
            "The university's marine science department is cited as a particular strength.",
            "The measure will cost {money} a year and start in the autumn term.",
        ],
        paragraphs: &[
            "Municipalities in {place} reported {n} unfilled teaching posts at the start of term, most of them in mathematics and sciences, according to the teachers' union.",
            "Lindmark University's researchers published more papers per staff member than any other institution around the Arren Gulf, the ranking found.",
            "Parents' associations welcomed the extension of free meals but said the quality of food varied widely between schools.",
        ],
        quotes: &[
            "We can build schools in two years. It takes five to train a physics teacher.",
            "No child learns well on an empty stomach.",
        ],
    },
    Beat {
        topic: "Culture",
        author: 6,
        section: "Analysis",
        people: &["Mikael Rask"],
        orgs: &["National Assembly"],
        headlines: &[
            "Old customs house in {place} reopens as a {n}0-seat concert hall",
            "Debut novel set in {place} wins Short Fiction Prize",
            "{place} theatre stages first play in Varnian sign language",
            "Film festival in {place} draws record {n},000 visitors",
        ],
        standfirsts: &[
            "The restoration took six years and kept the building's iron roof and harbour windows.",
            "The judges praised the book's sparse language and its portrait of a ferry captain.",
            "Deaf and hearing actors share the stage, with surtitles for those who need them.",
        ],
        paragraphs: &[
            "The hall seats {n} and has been designed around the acoustics of the original warehouse, with timber panels that can be moved for different kinds of music.",
            "The novel follows a ferry captain over a single winter as the ice closes in around the islands and her crew argues about whether to keep sailing.",
            "The festival showed {n} films from eleven countries, with most screenings sold out in advance, the organisers said.",
            "Cultural organisations have warned that cuts to municipal grants could force smaller venues in {place} to close.",
        ],
        quotes: &[
            "A city is known by the rooms where people gather.",
            "I wanted to write about the people who keep the islands connected.",
        ],
    },
];

/// Paragraphs that fit any beat: reaction, context and what comes next.
pub const GENERIC: &[&str] = &[
    "Officials in {place} said they had been told of the decision only hours before it was announced and were still studying the details.",
    "The announcement came a day after a meeting between government ministers and representatives of the municipalities, which have long complained that decisions taken in Estholm leave them to find the money.",
    "Similar plans have been tried before. A scheme launched in the early 2010s was abandoned after {n} months when its costs ran far over budget.",
    "Reaction on the streets of {place} was mixed. Some residents said the change was overdue; others said they had heard such promises before.",
    "A spokesperson for {the_org} said the organisation would respond in detail once it had seen the final text, but added that its main concerns had not been addressed.",
    "The figures have not yet been independently checked. The national audit office said it would review them as part of its annual report in the spring.",
    "Neighbouring countries around the Arren Gulf have faced the same problem, and several have chosen different answers, which Varnian officials say they are watching closely.",
    "The next step is a consultation that runs for {n} days. Anyone can send comments, and the ministry has promised to publish all responses it receives.",
    "Local business owners said the uncertainty was the hardest part. \"We can plan for bad news,\" one shopkeeper in {place} said. \"We cannot plan for no news.\"",
    "Opposition members said they would table amendments when the proposal reaches the National Assembly, though they acknowledged they lack the votes to pass them on their own.",
    "Experts interviewed by The Harbour Ledger broadly agreed on the diagnosis but disagreed on the timing, with some warning that acting too quickly could make matters worse.",
    "It is not the first time {place} has been at the centre of the debate. In the past decade the town has seen its population fall by about {pct} percent as younger residents moved to the cities.",
    "Unions and employers are expected to meet again on {weekday}. Both sides said they were open to mediation but neither has moved from its opening position.",
    "Data published by the statistics office shows the trend has been building for several years, although it accelerated sharply over the past {n} months.",
    "The decision can be appealed within three weeks. Lawyers for those affected said they were considering their options.",
    "Officials stressed that the measures were temporary and would be reviewed after a year, though critics pointed out that earlier temporary measures are still in force.",
    "In {place}, the local council held an extraordinary session on {weekday} evening. Several councillors asked for the plans to be published in full before any vote, and the meeting ended with a promise of a public hearing next month.",
    "The government's own impact assessment, released alongside the announcement, runs to {n} pages. It concedes that the effects on smaller municipalities are uncertain and recommends a review within two years.",
    "For many residents the debate is less abstract than it sounds in Estholm. A retired teacher in {place} said she had followed every twist of it on the radio, \"because in the end it is our bills, our buses and our doctors\".",
    "Independent analysts caution against reading too much into a single month of figures. Seasonal swings are large in a country where winter shapes everything from energy use to construction, they note.",
    "The issue has also divided the coalition. Members of the junior partner have said privately that they were not consulted on the final wording, a charge the prime minister's office denies.",
    "Trade groups were quicker to react. Within an hour of the announcement, the chamber of commerce had issued a statement welcoming \"a step in the right direction\" while warning that the details would decide whether it worked.",
    "Varnia is not alone in struggling with the question. Across the Arren Gulf, governments have tried subsidies, regulation and public investment, with results that economists are still arguing about.",
    "{the_org} has been asked to report back to the National Assembly by the end of the year, with figures broken down by region so that lawmakers can see where the money actually goes.",
    "Some of the sharpest criticism came from within the profession itself. A group of {n} specialists signed an open letter on {weekday} calling for an independent panel to oversee the work.",
    "The timetable is tight. If the first stage slips, officials concede, the whole programme would move back by at least a year, pushing the most visible changes past the next general election.",
    "Residents of {place} who spoke to The Harbour Ledger were divided less by party than by age. Younger people tended to welcome the change; older residents were more likely to worry about who would pay for it.",
    "Ministers have promised that the money will come from existing budgets rather than new borrowing. The fiscal council, which scrutinises public finances, said it would publish its own estimate of the cost.",
    "The episode has revived an older argument about how much power should sit in the capital. Mayors from the north and the south-east have asked for a standing seat at the table when such decisions are prepared.",
    "Historians point out that the country has been here before: a similar debate in the 1990s ended with a compromise that satisfied no one at the time but has survived, largely unchanged, ever since.",
];

pub const SUBHEADS: &[&str] = &["What happens next", "The background", "Why it matters", "The numbers", "Reaction"];

pub const BRIEFS: &[&str] = &[
    "{org} confirms meeting with ministers on {weekday}",
    "Power cut hits {n},000 homes in {place}",
    "Coast road near {place} reopens after landslide",
    "Statistics office revises growth estimate to {pct} percent",
    "Ferry services to the Vell Islands resume after {n}-hour storm",
    "Police appeal for witnesses after collision in {place}",
    "{person} to visit {place} on {weekday}",
    "Assembly committee delays vote on {issue}",
    "Air quality warning issued for {place}",
    "Trennport closed to shipping for {n} hours due to fog",
    "Court adjourns trial of former port official until {weekday}",
    "Teachers in {place} to vote on pay offer",
    "Flights from Estholm delayed up to {n} minutes by control fault",
    "Municipality of {place} approves new budget",
    "Firefighters contain forest fire near {place}",
    "Central bank governor to testify before Assembly on {weekday}",
];

pub const BRIEF_LINES: &[&str] = &[
    "The announcement was made in a short statement on {weekday} morning. Further details are expected later today.",
    "Officials said there were no injuries and that the situation was under control.",
    "Residents were advised to check the municipality's website for updates.",
    "It follows a week of talks and comes ahead of a vote expected next month.",
    "The Harbour Ledger will update this story as more information becomes available.",
    "A spokesperson for {the_org} confirmed the news but declined to comment further.",
    "Services are expected to return to normal by the evening.",
];

pub const ISSUES: &[&str] = &[
    "the pension reform",
    "the port concession",
    "the energy subsidy",
    "the rail budget",
    "the new tax on shipping",
    "the hospital mergers",
    "the coastal protection fund",
    "the municipal funding formula",
    "the defence procurement",
    "the rent cap",
];

pub const VIDEOS: &[(&str, &str)] = &[
    (
        "Inside the ferry dispute: a day on the {place} crossing",
        "We spent a day on the morning crossing with crew members who say rotas have become unsustainable, and with passengers who depend on the service to reach work, school and hospital.",
    ),
    (
        "How a storm surge flooded {place}",
        "Footage from residents and our own camera shows how quickly the water rose in the old harbour of {place}, and what engineers say could stop it happening again.",
    ),
    (
        "Interview: the finance minister on prices in {place}",
        "Teodor Maaren sits down with our economics correspondent to discuss inflation, the central bank and whether families in {place} will feel the improvement this year.",
    ),
    (
        "The last coal boiler: inside the {place} heating plant",
        "A look inside the heating plant in {place} that still burns coal on the coldest days, and the workers who will run whatever replaces it.",
    ),
    (
        "Cranes and jobs: automation on the {place} docks",
        "How automation is changing work on the docks of {place}, told by the people who operate the cranes and those who used to.",
    ),
    (
        "A night shift at a rural clinic in {place}",
        "Doctors and nurses in {place} describe what it takes to keep a small clinic open around the clock.",
    ),
    (
        "Rebuilding the old concert hall in {place}",
        "Six years of restoration in four minutes: from a derelict warehouse in {place} to the region's newest concert hall.",
    ),
    (
        "On patrol with the coast guard off {place}",
        "Our defence correspondent joins a coast guard crew watching over the undersea cables off {place}.",
    ),
];

pub const PHOTOGRAPHERS: &[&str] = &[
    "Mira Holt/The Harbour Ledger",
    "Tomas Virk/Gulf Press Agency",
    "Anneli Strand/The Harbour Ledger",
    "Pekka Lumi/Nordlight Images",
    "Sara Quist/Gulf Press Agency",
];

pub const WEEKDAYS: &[&str] = &["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];

const FIRST_NAMES: &[&str] = &[
    "Aino", "Aleks", "Birgit", "Carl", "Dagny", "Edvin", "Elsa", "Erik", "Freya", "Gustav", "Hedda", "Ivar", "Johanna",
    "Kasper", "Lena", "Leo", "Liis", "Magnus", "Maren", "Mikko", "Nora", "Olav", "Paula", "Rasmus", "Riina", "Sander",
    "Sigrid", "Stefan", "Tarja", "Tobias", "Ulla", "Valter", "Vera", "Viljo", "Wilma", "Yrsa", "Anton", "Britt",
    "Dmitri", "Greta",
];

const LAST_NAMES: &[&str] = &[
    "Aalto", "Berg", "Dahl", "Ekman", "Falk", "Grahn", "Holm", "Ilves", "Jaakson", "Kask", "Lind", "Mets", "Nurm",
    "Ots", "Pihl", "Roos", "Saar", "Tamm", "Uibo", "Vaher", "Wikman", "Ahola", "Brandt", "Carlsen", "Dreyer", "Engel",
    "Fors", "Gren", "Hallik", "Ivask", "Jensen", "Kuusk", "Laur", "Moller", "Norling", "Ormson", "Palm", "Rebas",
    "Strom", "Toom",
];

pub const EXTRA_ROLES: &[&str] = &[
    "Reporter",
    "Senior reporter",
    "Regional correspondent",
    "Business reporter",
    "Features writer",
    "Data reporter",
    "Photographer",
    "Sub-editor",
    "Contributing writer",
    "Night editor",
];

const ORG_TYPES: &[&str] = &[
    "City Council",
    "Chamber of Commerce",
    "District Court",
    "Regional Hospital",
    "Harbour Board",
    "Teachers' Association",
    "Fishermen's Association",
    "Housing Cooperative",
    "Football Club",
    "Energy Cooperative",
    "Police Board",
    "Arts Council",
];

const SUBTOPICS: &[&str] = &[
    "schools",
    "roads",
    "ferries",
    "budget",
    "elections",
    "hospitals",
    "rents",
    "wind power",
    "fisheries",
    "tourism",
    "crime",
    "farming",
    "universities",
    "festivals",
    "floods",
    "jobs",
    "buses",
    "water supply",
    "waste",
    "broadband",
];

/// `count` made-up full names, starting at `offset` in a fixed sequence;
/// unique for up to 1,600 names.
pub fn extra_people(count: usize, offset: usize) -> Vec<String> {
    let (f, l) = (FIRST_NAMES.len(), LAST_NAMES.len());
    (offset..offset + count.min(f * l))
        .map(|i| {
            let i = i % (f * l);
            format!("{} {}", FIRST_NAMES[i % f], LAST_NAMES[(i / f + i) % l])
        })
        .collect()
}

/// Up to `count` more tags for a large archive: people, local
/// organisations and local subjects, interleaved.
pub fn extra_tags(count: usize) -> Vec<(String, newsdesk_domain::TagKind)> {
    use newsdesk_domain::TagKind;
    let places: Vec<&str> = TAGS.iter().filter(|t| t.kind == "place").map(|t| t.name).collect();
    let people = extra_people(FIRST_NAMES.len() * LAST_NAMES.len(), 777);
    let orgs: Vec<String> = places.iter().flat_map(|p| ORG_TYPES.iter().map(move |o| format!("{p} {o}"))).collect();
    let subjects: Vec<String> = places.iter().flat_map(|p| SUBTOPICS.iter().map(move |s| format!("{p} {s}"))).collect();
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let longest = people.len().max(orgs.len()).max(subjects.len());
    for i in 0..longest {
        for (list, kind) in [(&people, TagKind::Person), (&orgs, TagKind::Organisation), (&subjects, TagKind::Topic)] {
            if out.len() >= count {
                return out;
            }
            if let Some(name) = list.get(i)
                && seen.insert(name.to_lowercase())
            {
                out.push((name.clone(), kind));
            }
        }
    }
    out
}
