//! The per-language deal lexicon (`src/lang/*/deals.toml`) compiled into one phrase automaton whose
//! phrases carry roles: trigger, type cue, status cue, party marker, name stop, blocker, …

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::lang::Lang;
use crate::model::{DealStatus, DealType};
use crate::text::{Folded, PhraseHit, PhraseSet, RawMatch};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TriggerGroup {
    #[serde(rename = "type")]
    ty: String,
    class: String,
    #[serde(default)]
    compound: bool,
    phrases: Vec<String>,
    #[serde(default)]
    plural: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TypeCueGroup {
    #[serde(rename = "type")]
    ty: String,
    phrases: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct StatusCues {
    signed: Vec<String>,
    announced: Vec<String>,
    negotiating: Vec<String>,
    proposed: Vec<String>,
    /// Markers of a future act ("will", "sẽ", "wird"): a deal told in the future with its
    /// figures ("Ngân hàng Hòa Bình sẽ phát hành … 2.000 tỷ đồng") or a signature to come ("sẽ sớm ký", "wird
    /// … vergeben") is announced, not signed.
    #[serde(default)]
    future: Vec<String>,
    /// Finite auxiliaries of the perfect ("hat", "habe", "hatte"): where the verb stands second,
    /// one after a fronted phrase is the clause's second element and the subject follows it ("Zum
    /// Auftakt habe die Bundeswehr … bestellt").
    #[serde(default)]
    auxiliary: Vec<String>,
    /// Forms of "be" that make a verb progressive ("Orvex is buying …", "are raising"): a word
    /// right before one and a deal verb is the verb's subject, as before an auxiliary. Only that:
    /// "are" also lists ("The suppliers are Orvex ($4 million), …").
    #[serde(default)]
    progressive: Vec<String>,
    /// Verbs whose present tense announces a plan ("Nordchem investiert 400 Millionen Euro in ein
    /// Werk") but whose participle after an auxiliary tells a thing done ("hat … investiert").
    #[serde(default)]
    present_announces: Vec<String>,
    /// Adjectives that make the deal word right after them a plan ("a possible sale", "der
    /// mögliche Verkauf"): proposed, whatever the clause's verbs say.
    #[serde(default)]
    plan_adjectives: Vec<String>,
    /// Markers of an infinitive ("to", "be", "zu", "để"): a verb of signing right after one is an
    /// act to come ("an order to be signed", "kündigte an, … zu erhalten"), not a signature
    /// reported.
    #[serde(default)]
    infinitive: Vec<String>,
    /// Verbs of accepting an offer ("agreed", "accepted", "nahm an"): an offer accepted is a
    /// deal made, whatever the offer word's own status.
    #[serde(default)]
    accept: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PartyPatterns {
    between: Vec<[String; 2]>,
    with: Vec<String>,
    to: Vec<String>,
    from: Vec<String>,
    of: Vec<String>,
    stops: Vec<String>,
    connectors: Vec<String>,
    determiners: Vec<String>,
    titles: Vec<String>,
    relations: Vec<String>,
    receive: Vec<String>,
    places: Vec<String>,
    buyer_verbs: Vec<String>,
    /// Verbs of paying: who is paid, or what is paid for, after "for" / "to" sells ("paid
    /// $2 billion for Kestrel Labs", "zahlte … für die Kestrel AG").
    #[serde(default)]
    payment_verbs: Vec<String>,
    /// Verbs of taking over a company: with a name as their object they tell a takeover even
    /// without a figure ("Orvex Pharma agrees to acquire Kestrel Labs").
    #[serde(default)]
    takeover_verbs: Vec<String>,
    /// Verbs of investing that are deal words only with the money right after them and the word
    /// leading to what it goes into after that ("put $1 billion into Orvex"): elsewhere ("put
    /// the value at $2 billion", "put pressure on") they anchor nothing.
    #[serde(default)]
    money_first_verbs: Vec<String>,
    /// Verbs of supporting that are deal words only where later in their clause a "with" (a word
    /// of `with`) stands right before an amount ("will support Norland with $500 million",
    /// "unterstützt den Bau mit zehn Milliarden Euro"): elsewhere ("supports the merger") they
    /// anchor nothing.
    #[serde(default)]
    money_with_verbs: Vec<String>,
    /// Verbs of raising money that are deal words only with the amount right after them and the
    /// word for "from" and a capitalised name after that ("raised $50 million from Kestrel
    /// Capital"): elsewhere ("the sale raised $2 billion") they anchor nothing.
    #[serde(default)]
    money_from_verbs: Vec<String>,
    /// Participles of owning or running: a "by" right after one names who owns the thing before
    /// it ("a fund run by Orvex"), not the side a deal comes from.
    #[serde(default)]
    owner_participles: Vec<String>,
    /// Articles only a subject takes (German "der"): a name after the verb that opens with one
    /// is the verb's subject, not its object.
    #[serde(default)]
    nominative_articles: Vec<String>,
    /// Articles of the dative (German "dem", "der"): after a verb of giving or supplying, a name
    /// they open that is not the subject receives ("liefert der Kestrel Air 40 Jets").
    #[serde(default)]
    dative_articles: Vec<String>,
    /// Auxiliaries of the passive ("wird … übernommen", "được … mua lại"): with a verb of buying
    /// the subject is what is bought and the agent (after the language's "by") buys.
    #[serde(default)]
    passive_aux: Vec<String>,
    /// The words that name the agent of a passive ("von", "bởi"); in Vietnamese the agent may
    /// also stand right after the auxiliary ("được Orvex mua lại").
    #[serde(default)]
    passive_by: Vec<String>,
    /// The agent of a passive may stand right between the auxiliary and the verb ("được Tập đoàn
    /// Orvex mua lại"). Not in German, where that place holds the object ("wird die Kestrel AG
    /// übernehmen").
    #[serde(default)]
    passive_agent_after_aux: bool,
    seller_verbs: Vec<String>,
    /// Verbs of awarding a contract: the "to" party is then the contractor (the supplier).
    #[serde(default)]
    award: Vec<String>,
    /// Last words of an organisation's name ("Airlines", "Energy", "GmbH"): a country followed by
    /// capitalised words ending in one ("Norway Airlines") is that organisation, not the country.
    #[serde(default)]
    org_tails: Vec<String>,
    /// The participle ends the clause ("hat … bestellt"): the clause's first name is its subject
    /// however far away the verb is. German.
    #[serde(default)]
    verb_final: bool,
    /// Names are written as English writes them: an abbreviation in parentheses after a name
    /// ("Kestrel Health Alliance (KHA)") is a ticker or a short form, not the name to keep.
    #[serde(default)]
    names_in_english: bool,
    /// Every noun is capitalised (German): a capital letter says nothing about names.
    #[serde(default)]
    nouns_capitalised: bool,
    /// A country written after a company's name names its national unit ("Kestrel India"):
    /// see `Ctx::national_unit`.
    #[serde(default)]
    national_units: bool,
    /// A nationality follows the noun it describes and stands right before the name ("tập đoàn
    /// Hàn Quốc SK", "hãng dược phẩm Ấn Độ Sunveda"): a country written right before a
    /// capitalised name qualifies it and is no party. Vietnamese.
    #[serde(default)]
    country_before_name: bool,
    /// Words that tie a nationality to the name right before them ("Tập đoàn Orvex của Mỹ"):
    /// a country after one of these and a capitalised name qualifies that name, no party.
    #[serde(default)]
    country_after_name: Vec<String>,
    /// How many lower-case words a description before a name may have ("French defence group",
    /// "nhà sản xuất máy bay huấn luyện"): four by default; more where words are syllables.
    #[serde(default)]
    descriptor_words: Option<usize>,
    /// Capitalised nouns (or the last part of a compound) that describe the name after them
    /// ("der Konkurrent Nordmar", "Kestrel-Konkurrent Orchid"): no part of it.
    #[serde(default)]
    descriptor_nouns: Vec<String>,
    /// Case endings a descriptor noun may take ("Herstellern", "Investors"): each noun is also
    /// read with each of them.
    #[serde(default)]
    descriptor_endings: Vec<String>,
    /// Units of age or time a count before a descriptor noun is told in ("das vier Jahre alte
    /// Startup Nordchem"): the count, the unit and the adjective after it describe the name.
    #[serde(default)]
    age_units: Vec<String>,
    /// Words that open a phrase of time or manner before the subject ("On Monday Kestrel …").
    #[serde(default)]
    fronting: Vec<String>,
    /// Where the verb stands second: conjunctions that open a clause standing first in the
    /// sentence ("Wie das Unternehmen mitteilte, hat die Nordchem AG …"); the main clause starts
    /// at the verb right after its comma, and a name in the first clause is no subject.
    #[serde(default)]
    subordinators: Vec<String>,
    /// Words that open a subordinate clause, capitalised at a sentence's start: no part of the
    /// name after them ("When Orvex bought …", "If Kestrel fails …" name Orvex and Kestrel).
    #[serde(default)]
    clause_openers: Vec<String>,
    /// Verbs whose object is who receives, the goods after "with" ("to supply Orvex with
    /// bauxite", "beliefert Orvex mit Stahl"): the name right after the verb receives.
    #[serde(default)]
    supplies_with: Vec<String>,
    /// Conjunctions that open a clause of their own after a comma ("…, while Kestrel won …"):
    /// its subject is the name right after the conjunction.
    #[serde(default)]
    clause_conjunctions: Vec<String>,
    /// Particles a verb leaves at the end of its clause ("sagte der Ukraine 500 Millionen Euro
    /// zu", "steigt bei Orvex ein"): a two-word phrase of verb and particle ("sagte zu") is also
    /// found with its particle ending the clause (see `Role::SeparableVerb`).
    #[serde(default)]
    separable_particles: Vec<String>,
    /// Verbs of commissioning whose object is the contractor and whose "mit" phrase the work
    /// ("hat die Kestrel AG mit dem Bau … beauftragt"): see `item::commissioned`.
    #[serde(default)]
    commission_verbs: Vec<String>,
    /// Verbs of approving a deal ("erlaubt", "genehmigt"): their subject (a regulator) only
    /// consents and is no party; see `parties::approved_for`.
    #[serde(default)]
    approval_verbs: Vec<String>,
    /// Openings of a sentence that name the client of the deal told just before ("Auftraggeber
    /// ist die Orvex AG.", "The client is Orvex.", "Chủ đầu tư là …"): the name receives.
    #[serde(default)]
    client_openers: Vec<String>,
    /// Openings that name the other side of the deal told just before ("Vertragspartner ist
    /// …"): the name takes the side it left empty.
    #[serde(default)]
    counterparty_openers: Vec<String>,
    /// Openings that name the investor of the funding told just before ("Leadinvestor ist X",
    /// "The round was led by X"), and words that follow the investor's name opening a sentence
    /// ("X led the round"): the name provides.
    #[serde(default)]
    investor_openers: Vec<String>,
    /// Verbs of spending money ("chi", "bỏ ra"): a lone word opening a sentence right before
    /// one is who spends, a name ("Lindmark chi 400 triệu USD mua lại …").
    #[serde(default)]
    spend_verbs: Vec<String>,
    /// The countries whose own news is written in this language ("Vietnam"; "Germany",
    /// "Austria", "Switzerland"): an abbreviation of a company from one of them ("EVN", "TKV")
    /// is read only in this language and in English.
    #[serde(default)]
    home_countries: Vec<String>,
    #[serde(default)]
    investor_closers: Vec<String>,
    /// Words that say where an organisation sits ("headquartered in", "mit Sitz in", "trụ sở
    /// tại"): the places after them are no parties.
    #[serde(default)]
    seat_cues: Vec<String>,
    /// Articles that open a subject ("Das Unternehmen kauft …"): a short phrase that opens with
    /// one before a verb that stands second is the subject, whatever name follows the verb.
    #[serde(default)]
    subject_articles: Vec<String>,
    /// Words that open a relative clause set off by commas after a name ("Nordfunk, die …
    /// mitgeboten hatte, legte …"): the clause stands between the subject and its verb.
    #[serde(default)]
    relative_pronouns: Vec<String>,
    /// A group named by its leader ("a consortium led by Kestrel", "liên danh do Kestrel đứng
    /// đầu"): the words right before the leader's name, and, where the language closes the
    /// phrase after the name, the words that may close it.
    #[serde(default)]
    led_by: Vec<String>,
    #[serde(default)]
    led_by_close: Vec<String>,
    /// Abbreviations written like an organisation's acronym that name a thing, a kind of contract
    /// or a figure ("EPC", "FID", "GDP", "JV"): never a party on their own.
    #[serde(default)]
    not_names: Vec<String>,
    /// Common nouns that open a sentence with a capital, with the word that leads to the name
    /// they are said of ("Shares of" Kestrel Imaging jumped …): no part of the name.
    #[serde(default)]
    of_a_name: Vec<String>,
    /// After an owner's possessive, these name a company it owns ("Kestrel Group's subsidiary
    /// Orvex Lines"): the name after them is the party.
    #[serde(default)]
    owned_company: Vec<String>,
    /// Common nouns a country may describe ("the UK lender", "the US stock market", "doanh
    /// nghiệp Mỹ"): a country written right before one (right after, where `country_before_name`
    /// says nationalities follow their noun) is no party.
    #[serde(default)]
    nouns_a_country_describes: Vec<String>,
    /// Words for a group of companies formed for a deal ("consortium", "Konsortium", "liên
    /// danh"): written right before a name, they make it the name of such a group.
    #[serde(default)]
    group_words: Vec<String>,
    /// Words that open the list of a named group's members right after its name ("das
    /// Konsortium Orvex aus Kestrel und Nordmar"): those members describe the group and are no
    /// parties of its deal.
    #[serde(default)]
    members_follow: Vec<String>,
    /// Articles of the genitive right after an order won ("einen Auftrag der Deutschen Bahn"):
    /// the name after one is the client, who receives.
    #[serde(default)]
    genitive_client: Vec<String>,
    /// Ends of the second part of a compound joined by a hyphen to a name, that make the compound
    /// something of that name and not the name ("der Airbus-Rivale", "die Siemens-Tochter").
    #[serde(default)]
    compound_relations: Vec<String>,
    /// Endings of adjectives made from a place name ("Koblenzer", "Münchner"): written right before
    /// a name the lexicon knows, such a capitalised word says where it sits and is none of it.
    #[serde(default)]
    place_adjective_endings: Vec<String>,
    /// Endings of a word joined to a name by a hyphen that says where a company sits or who holds
    /// it ("Peru-based", "Nordmar-backed"): such a word before a name qualifies it and is none
    /// of it.
    #[serde(default)]
    qualifying_suffixes: Vec<String>,
    /// Nouns of a takeover ("acquisition", "Übernahme") and the words that tie the company taken
    /// over to them ("of", "der"): "the acquisition of Orvex Labs" names its seller.
    #[serde(default)]
    takeover_nouns: Vec<String>,
    /// Deal words that only ever name a company changing hands ("merger", "buyout", "Fusion",
    /// "sáp nhập"): with no count of things they tell a takeover, which is reported as an
    /// agreement.
    #[serde(default)]
    company_deal_nouns: Vec<String>,
    /// Verbs of merging ("merge", "fusionieren", "sich zusammenschließen", "sáp nhập"): two
    /// companies the clause of one names merge, an agreement between equals even without a
    /// figure; neither side provides or receives, unless the verb is followed by 'into' (the
    /// language's `invested_in`: "merged into Orvex", "sáp nhập vào Orvex"), whose company takes
    /// the other over.
    #[serde(default)]
    merger_verbs: Vec<String>,
    /// Contracts that set the terms of later orders ("framework agreement", "Rahmenvertrag",
    /// "hợp đồng khung"): a supply under one is reported as an agreement, even with a count.
    #[serde(default)]
    framework_nouns: Vec<String>,
    /// Words that may follow a company bought as the object of a verb of buying ("buy Orvex for
    /// $2 billion", "in a deal"): anything else right after the name is the goods it makes.
    #[serde(default)]
    company_object_ends: Vec<String>,
    /// Words for a part of a company (a business, a unit, a division): a purchase whose item ends
    /// with one ("its cement business", "ihre Pharmasparte") sells part of a company: M&A.
    #[serde(default)]
    business_units: Vec<String>,
    #[serde(default)]
    takeover_of: Vec<String>,
    /// The word that names who takes over, after the company taken over ("… of Orvex Labs by
    /// Nordchem", "durch die Nordchem AG"): the buyer.
    #[serde(default)]
    takeover_by: Vec<String>,
    /// Nouns of a bid for a company ("bid", "Übernahmeangebot") and the word that ties what is
    /// bid for to them, past the bid's amount ("a $2 billion bid for Orvex", "bid of $2 billion
    /// for Orvex"): the company bid for is the target, which sells.
    #[serde(default)]
    bid_nouns: Vec<String>,
    #[serde(default)]
    bid_for: Vec<String>,
    /// Words that open a description set off by commas after a name ("Kestrel Air, a long-time
    /// customer of Orvex, …"): indefinite articles.
    #[serde(default)]
    apposition_openers: Vec<String>,
    /// Possessives that open a description a name then restates after a comma ("into its
    /// rival, Kestrel Inc."): the name is the one the description means.
    #[serde(default)]
    restated_openers: Vec<String>,
    /// Words that describe a maker ("Hersteller", "-bauer", "maker", "nhà sản xuất"); a single
    /// word also as the end of a compound ("Turbinenbauer", "planemaker"). A name the lexicon
    /// does not know, right after a description holding one, is a maker's.
    #[serde(default)]
    maker_words: Vec<String>,
    /// Words that open the name of a state's own body ("Ministry of …", "Bộ …", "Stadt …"), a
    /// single one also as the end of the name's first word ("Verteidigungsministerium"): a name
    /// the lexicon does not know that opens with one is a public body (an agency).
    #[serde(default)]
    state_body_words: Vec<String>,
    /// Copulas that name who won right after a verb of winning ("trúng thầu là Công ty Orvex"):
    /// the name after one is the winner.
    #[serde(default)]
    winner_copulas: Vec<String>,
    /// Words that open the title of a law written before it ("Luật", "Đạo luật"), where the
    /// language puts the kind of title first: a capitalised deal word in the capitalised title
    /// after one ("Đạo luật Cứu trợ …", "Luật Đầu tư") names the law, no deal.
    #[serde(default)]
    title_heads: Vec<String>,
    /// Verbs of saying that put their subject after them ("…, teilte Nordmar mit", "…, sagte
    /// Orvex"): the word right after one is who speaks.
    #[serde(default)]
    speech_verbs: Vec<String>,
    /// Verbs of saying that open a reported clause after their subject ("Orvex said Kestrel Air
    /// had ordered 20 jets", "Orvex cho biết Kestrel đã ký …"): the reported clause has a subject
    /// of its own, the name right after the verb.
    #[serde(default)]
    reporting_verbs: Vec<String>,
    /// The pronoun that stands for an organisation or a thing, not a person ("it"): a capitalised
    /// word before a reporting verb whose clause opens on it ("Orvex said it had completed …")
    /// names an organisation that speaks of itself.
    #[serde(default)]
    self_pronouns: Vec<String>,
    /// Adverbs that may stand between a subject and its verb ("Kestrel has also signed …",
    /// "Orvex recently won …"): passed over when looking for the verb after a name.
    #[serde(default)]
    adverbs: Vec<String>,
    /// Words that, ending or inside a company's own name, make it a maker ("Nordmar Shipyard",
    /// "Orvex Aerospace", "Lindmark Werft"): it supplies what a purchase it is party to is for.
    #[serde(default)]
    maker_name_words: Vec<String>,
    /// Words that, inside a company's name or the few words before it, make it a lender
    /// ("Greyfield Bank", "Kestrel Leasing", "Ngân hàng Greyfield"): money it gives with no deal
    /// word is a financing, and it provides a financing it is party to. Matched as parts of
    /// words, lower-cased, in the language's text and in the English canonical name.
    #[serde(default)]
    lender_words: Vec<String>,
    /// Words that, capitalised and followed by a number or a single capital letter, name a
    /// numbered part of a project, not an organisation ("Line 4", "Phase II", "Los 3").
    #[serde(default)]
    numbered_parts: Vec<String>,
    /// Words that make a company an investor in the same way ("Orvex Ventures", "Quỹ Greyfield",
    /// "Greyfield Capital"): money it gives with no deal word is an investment. Asked only of a
    /// name no `lender_words` matched.
    #[serde(default)]
    investor_words: Vec<String>,
    /// Words of aid that, from a lender (`lender_words`), mean money lent: "Ngân hàng Hạc Vàng
    /// tài trợ 200 triệu USD cho Kim Long" is a financing. A grant word ("viện trợ", "không hoàn
    /// lại") stays aid whoever gives it.
    #[serde(default)]
    lender_aid_words: Vec<String>,
    /// Nouns of a consent a state gives to a deal it is no party of ("subject to China's
    /// approval"): a country's possessive before one is no party.
    #[serde(default)]
    approval_nouns: Vec<String>,
    /// Words for a competitor, which may stand between a verb of beating and the name beaten.
    #[serde(default)]
    rivals: Vec<String>,
    /// Verbs of beating a competitor: the name they govern ("beat rival Orvex to the order",
    /// "den Rivalen Orvex ausgestochen") is no party.
    #[serde(default)]
    beat_verbs: Vec<String>,
    /// Kinds of business that open a company's name and the English word written after the name
    /// ("Đầu tư Sao Mai" is "Sao Mai Investment"), where the language puts them first.
    #[serde(default)]
    business_words: Vec<[String; 2]>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct OrgHeadGroup {
    phrases: Vec<String>,
    template: Option<String>,
}

/// Descriptions that refer back to a party named before ("the airline", "der Konzern", "hãng
/// này"), with the kinds of entity (`data/aliases.tsv`) each may refer to.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AnaphorGroup {
    refers_to: Vec<String>,
    phrases: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Cues {
    /// Words that describe a noun follow it ("20 tua bin gió": wind turbines): the item of a
    /// count is the thing counted and the words after it, not those words alone. Vietnamese.
    #[serde(default)]
    modifiers_follow_noun: bool,
    /// Words before a counted thing that say nothing of what it is ("new", "more", "weitere"):
    /// left out of the item ("zehn neue Jets" buys "Jets").
    #[serde(default)]
    item_fillers: Vec<String>,
    /// Units of time a contract runs for ("hợp đồng 5 năm", "a contract of 20 years"): a number
    /// and one of these end the item ("hợp đồng mua bán điện 20 năm" buys "điện").
    #[serde(default)]
    duration_units: Vec<String>,
    plural_markers: Vec<String>,
    blockers: Vec<String>,
    /// Verbs that end a deal ("terminated the contract", "stornierte die Bestellung", "hủy hợp
    /// đồng"): a deal word they govern tells no deal made.
    #[serde(default)]
    cancel_verbs: Vec<String>,
    total_cues: Vec<String>,
    /// Nouns of the things deals are each about ("projects", "dự án", "Projekte"): money told over
    /// a count of two or more of them ("cho 7 dự án", "for nine projects") sums several deals.
    #[serde(default)]
    counted_objects: Vec<String>,
    statistic_cues: Vec<String>,
    singular_heads: Vec<String>,
    purpose: Vec<String>,
    item_stops: Vec<String>,
    /// Right after an amount, these make it a price of one unit, not a deal ("$41 a share").
    #[serde(default)]
    unit_price: Vec<String>,
    /// Words that name a price per unit right before an amount ("zum Stückpreis von", "at a unit
    /// price of", "với đơn giá"): no deal's value, no total.
    #[serde(default)]
    unit_price_before: Vec<String>,
    /// Words that open a list of names with their amounts in brackets ("The suppliers are A ($31
    /// million), B …", "gồm A (120 tỷ đồng), B …"): the first name starts after them.
    #[serde(default)]
    list_openers: Vec<String>,
    /// The words that join the last member of a list to the others ("and", "und", "và").
    #[serde(default)]
    list_joins: Vec<String>,
    /// Deal words that name a deal only with a word of `head_modifiers` (or a figure) right
    /// before them: "a $400 million facility", "a revolving credit facility" lend; "an enrichment
    /// facility", "its existing facility" are plants.
    #[serde(default)]
    modified_heads: Vec<String>,
    /// See `modified_heads`.
    #[serde(default)]
    head_modifiers: Vec<String>,
    /// Words for a period a company reports its sales for ("last year", "im ersten Quartal",
    /// "năm ngoái"): a count sold to no buyer named in such a clause is sales, no deal.
    #[serde(default)]
    sales_periods: Vec<String>,
    /// Words that open a clause about one unit ("each", "ein", "mỗi chiếc"): with a verb of
    /// `cost_verbs` in that clause, its amount is a price per unit ("Each jet costs about $100
    /// million", "Ein Jet soll 100 Millionen Euro kosten"), no deal's value.
    #[serde(default)]
    one_unit: Vec<String>,
    /// Verbs of costing (see `one_unit`).
    #[serde(default)]
    cost_verbs: Vec<String>,
    /// Between two amounts, these make the second a conversion of the first.
    #[serde(default)]
    conversion_cues: Vec<String>,
    /// Right before an amount, these make it the conversion of the amount in brackets after it,
    /// which is the one told in the deal's own currency ("umgerechnet 12 Millionen Euro (13
    /// Millionen Dollar)").
    #[serde(default)]
    converted: Vec<String>,
    /// Before a deal word (at most two words between), these make the sentence describe a deal,
    /// not tell one ("NORVEX is a broad trade agreement", "là một hiệp định thế hệ mới").
    #[serde(default)]
    describes: Vec<String>,
    /// Right before an amount, these make it a part of the price paid at one step ("a deposit of
    /// $50 million", "số tiền đặt cọc"), no deal's value.
    #[serde(default)]
    part_payment: Vec<String>,
    /// Right after an amount, these make it the part paid at one step ("… for $2 billion and
    /// will pay $500 million upfront"), no deal's value, where the sentence told another amount
    /// before it.
    #[serde(default)]
    part_payment_after: Vec<String>,
    /// After an amount and before a percentage, these make it a statistic ("up 3.6%").
    #[serde(default)]
    change_cues: Vec<String>,
    /// Right before a count, these make it a count of options, not of the firm order ("an
    /// option for another seven", "die Option auf zwei weitere").
    #[serde(default)]
    option_cues: Vec<String>,
    /// Before a generic deal word after an act, these make the word the act's manner, no deal
    /// of its own ("agreed to buy X for $5 billion in an all-stock deal").
    #[serde(default)]
    manner_of_act: Vec<String>,
    /// After a comma that closes the act's clause, these make a deal word say what the act was
    /// ("…, marking the latest healthcare deal", "…, die größte Übernahme"): one deal.
    #[serde(default)]
    restating_act: Vec<String>,
    /// Verbs that carry a running total up to the amount after one of `running_to` ("bringing
    /// its total lending to $4 billion", "womit der Wert auf 800 Millionen Euro klettert").
    #[serde(default)]
    running_total: Vec<String>,
    /// The words that lead from a running-total verb to its amount ("to", "auf", "lên").
    #[serde(default)]
    running_to: Vec<String>,
    /// Nouns for an auction ("auction", "Versteigerung", "đấu giá").
    #[serde(default)]
    auction: Vec<String>,
    /// Words for who advises on a deal or runs its books ("advised", "bookrunners", "legal
    /// counsel", "Berater"): a sentence naming one tells who served a deal told elsewhere ("X and
    /// Y are bookrunners on the deal"); where it gives no figure, no deal of its own.
    #[serde(default)]
    advisory_roles: Vec<String>,
    /// Verbs that tell what something brought its seller ("raised", "eingesammelt", "thu về"):
    /// after an auction noun, the amount they lead to is the auction's total.
    #[serde(default)]
    proceeds: Vec<String>,
    /// A period up to now: an amount told within it is cumulative ("tính đến nay …",
    /// "so far", "bisher").
    #[serde(default)]
    cumulative: Vec<String>,
    /// The start of a period up to now ("Since 2015, Norland has given $450 million …", "Norland
    /// hat seit 2014 …", "Kể từ năm 2015, …"): an amount told within it is cumulative, unless a
    /// word of `superlatives` stands just before it ("its largest order since 2015, worth $5
    /// billion" compares).
    #[serde(default)]
    cumulative_opening: Vec<String>,
    /// Superlatives and ordinals that make a following "since" a comparison ("the biggest deal
    /// since 2019", "der größte Auftrag seit", "lớn nhất kể từ").
    #[serde(default)]
    superlatives: Vec<String>,
    /// A payment due only if something happens later ("a further $40 million once sales
    /// milestones are met", "Meilensteinzahlungen"): near an amount, it makes it no deal's value.
    #[serde(default)]
    contingent: Vec<String>,
    /// What is bought under a licence: buying it is a licence ("bought 100 MHz of spectrum").
    #[serde(default)]
    licence_objects: Vec<String>,
    /// Right after an amount, these open its parts ("3 tỷ USD, trong đó …", "$2 billion, of
    /// which …", "davon"): with a smaller amount of its currency after them, it is a total.
    #[serde(default)]
    breakdown: Vec<String>,
    /// Titles written after the portfolio they hold ("Defence Minister", "Trade and Industry
    /// Minister"): the capitalised words right before one are the title's, not an organisation.
    #[serde(default)]
    portfolio_titles: Vec<String>,
    /// Instruments whose issuer borrows ("trái phiếu", "bonds", "Anleihe"): the subject that
    /// issues them receives the money.
    #[serde(default)]
    borrowed_by_issuer: Vec<String>,
    /// Right after an amount, these lead to what it is the value of ("$2 billion worth of"): with a
    /// plural deal noun there, the amount sums several deals.
    #[serde(default)]
    worth_of: Vec<String>,
    /// Between a word that refers back and a deal word, these only qualify a deal already told
    /// ("the proposed sale", "der geplante Auftrag").
    #[serde(default)]
    back_reference_modifiers: Vec<String>,
    /// Words for the value of a deal, right before a deal word ("tổng giá trị hợp đồng là …",
    /// "the value of the contract"): after a deal already anchored in the sentence, that deal word
    /// names the same deal to price it and anchors none of its own.
    #[serde(default)]
    value_of: Vec<String>,
    /// Words that lead from an agreement to what it is about ("ký biên bản ghi nhớ về việc phát
    /// triển dự án …"): what follows is the agreement's item.
    #[serde(default)]
    topic: Vec<String>,
    /// Deal words that name money by its purpose, not an agreement ("subsidies", "funding",
    /// "Fördermittel"): with no counterparty named, such money is a programme, not a deal.
    #[serde(default)]
    programme_money: Vec<String>,
    /// A share of a company, with the word that leads to the company ("stake in", "cổ phần").
    #[serde(default)]
    stake: Vec<String>,
    /// The words of `stake` that name units traded on a market ("shares", "Aktien"): bought
    /// with no buyer named, such units are trading in the company's stock, no deal with it.
    #[serde(default)]
    traded_units: Vec<String>,
    /// The title of the one bank that arranges a loan, right before its name ("through lead
    /// arranger Kestrel Bank"): that bank lends. Singular only: "arrangers A,
    /// B and C" name a club of lenders, no single provider.
    #[serde(default)]
    arranger: Vec<String>,
    /// Words of an offtake ("offtake agreement", "Abnahmevertrag", "bao tiêu"): the partner takes
    /// the subject's output, so the subject supplies and the partner buys.
    #[serde(default)]
    offtake: Vec<String>,
    /// Plural titles of the banks that arrange or fund a loan ("through bookrunners A, B and C",
    /// "mandated lead arrangers"): a club of lenders, so the subject that signed the loan borrows.
    #[serde(default)]
    lenders: Vec<String>,
    /// Right after a name, these make it the owner of the project a contract or tender is for
    /// ("do Tổng công ty Sao Mai làm chủ đầu tư", "Kestrel Port as the project owner"): the owner
    /// is the client, who receives the works.
    #[serde(default)]
    project_owner: Vec<String>,
    /// Right before a name, these say it did as the subject did ("… will give $40 million in aid,
    /// so did Vestria", "ebenso wie Vestria"): the name is on the subject's side, never the other;
    /// after a comma or a join word it made a deal of its own, the same as the subject's.
    #[serde(default)]
    likewise: Vec<String>,
    /// Right after a name (and the names joined to it), these say it took part beside the
    /// subject ("with Orvex Capital also participating", "cũng tham gia"): the name is on the
    /// subject's side, never the other.
    #[serde(default)]
    likewise_after: Vec<String>,
    /// Words for the two parties of the deal just told, as a subject ("Hai bên cũng ký …", "The
    /// two companies also signed …", "Beide Unternehmen unterzeichneten …"): a deal of the
    /// sentence that names no party has theirs.
    #[serde(default)]
    both_parties: Vec<String>,
    /// After an investment (its word or its amount), the word leading to the company invested in
    /// ("invest $200 million in Orvex Labs", "investiert … in die Orvex AG", "đầu tư … vào Công ty
    /// Orvex"): that company receives the money.
    #[serde(default)]
    invested_in: Vec<String>,
    /// After the amount of a verb of spending (`money_first_verbs`), the words that say it builds
    /// something of the spender's own ("will spend $1.9 billion to build a plant"): an investment.
    #[serde(default)]
    built_with: Vec<String>,
    /// Right before a deal word, these refer back to a deal already told ("the deal").
    #[serde(default)]
    back_reference_before: Vec<String>,
    /// Right after a deal word, these refer back to a deal already told ("thương vụ này").
    #[serde(default)]
    back_reference_after: Vec<String>,
    /// Between a description and a name after it, these make the name its owner ("the board of
    /// Orvex", "der Aufsichtsrat der Orvex AG"): the description then refers to no earlier party.
    #[serde(default)]
    owner_before_name: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLexicon {
    trigger: Vec<TriggerGroup>,
    type_cue: Vec<TypeCueGroup>,
    status: StatusCues,
    cues: Cues,
    parties: PartyPatterns,
    org_head: Vec<OrgHeadGroup>,
    #[serde(default)]
    anaphor: Vec<AnaphorGroup>,
}

/// How a trigger makes a deal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// Names an agreement: a deal by itself when a counterparty is named.
    Document,
    /// An act (buy, invest, aid): a deal only with an amount or a count of things.
    Action,
}

/// What a phrase means; one phrase may mean several things.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Role {
    Trigger {
        ty: DealType,
        class: Class,
        plural: bool,
    },
    TypeCue(DealType),
    Status(DealStatus),
    /// See `StatusCues::future`.
    Future,
    /// See `StatusCues::auxiliary`.
    Auxiliary,
    /// See `StatusCues::progressive`.
    Progressive,
    /// See `StatusCues::present_announces`.
    PresentAnnounces,
    /// See `StatusCues::plan_adjectives`.
    PlanAdjective,
    /// See `StatusCues::infinitive`.
    Infinitive,
    /// See `StatusCues::accept`.
    Accept,
    Plural,
    Blocker,
    /// See `PartyPatterns::reporting_verbs`.
    Reporting,
    /// See `Cues::cancel_verbs`.
    Cancel,
    TotalCue,
    /// See `Cues::unit_price_before`.
    UnitPriceBefore,
    StatisticCue,
    /// See `Cues::change_cues`.
    ChangeCue,
    /// See `Cues::option_cues`.
    OptionCue,
    /// See `Cues::manner_of_act`.
    MannerOfAct,
    /// See `Cues::restating_act`.
    RestatingAct,
    /// See `Cues::running_total`.
    RunningTotal,
    /// See `Cues::running_to`.
    RunningTo,
    /// See `Cues::cumulative`.
    Cumulative,
    /// See `Cues::cumulative_opening`.
    CumulativeOpening,
    /// See `Cues::superlatives`.
    Superlative,
    /// See `Cues::converted`.
    Converted,
    /// See `Cues::describes`.
    Describes,
    /// See `Cues::part_payment`.
    PartPayment,
    /// See `Cues::part_payment_after`.
    PartPaymentAfter,
    /// See `Cues::auction`.
    Auction,
    /// See `Cues::advisory_roles`.
    Advisory,
    /// See `Cues::proceeds`.
    Proceeds,
    /// See `Cues::contingent`.
    Contingent,
    /// See `Cues::licence_objects`.
    LicenceObject,
    /// See `Cues::programme_money`.
    ProgrammeMoney,
    /// See `Cues::topic`.
    Topic,
    /// See `Cues::back_reference_modifiers`.
    BackModifier,
    /// See `Cues::value_of`.
    ValueOf,
    /// See `Cues::worth_of`.
    WorthOf,
    /// See `Cues::borrowed_by_issuer`.
    BorrowedBy,
    /// See `Cues::portfolio_titles`.
    PortfolioTitle,
    /// See `Cues::breakdown`.
    Breakdown,
    /// A description referring back to a party of one of these kinds (`AnaphorGroup`).
    Anaphor(Vec<crate::entity::Kind>),
    /// See `Cues::stake`.
    Stake,
    /// See `Cues::arranger`.
    Arranger,
    /// See `Cues::offtake`.
    Offtake,
    /// See `Cues::lenders`.
    Lenders,
    /// See `Cues::likewise`.
    Likewise,
    /// See `Cues::both_parties`.
    BothParties,
    /// See `approval_verbs` in the lexicon file.
    Approval,
    /// See `Cues::likewise_after`.
    LikewiseAfter,
    /// See `Cues::invested_in`.
    InvestedIn,
    /// See `Cues::built_with`.
    BuiltWith,
    /// See `Cues::project_owner`.
    ProjectOwner,
    /// See `Cues::back_reference_before`.
    BackBefore,
    /// See `Cues::back_reference_after`.
    BackAfter,
    /// See `Cues::owner_before_name`.
    OwnerBefore,
    BetweenOpen,
    BetweenJoin,
    With,
    To,
    From,
    Of,
    Stop,
    Connector,
    Determiner,
    /// See `clause_openers` in the lexicon file.
    ClauseOpener,
    /// See `supplies_with` in the lexicon file.
    SuppliesWith,
    Title,
    Relation,
    OrgHead(Option<String>),
    /// See `PartyPatterns::org_tails`.
    OrgTail,
    Receive,
    /// "tại", "in": a name after it is a place.
    Locative,
    /// "headquartered in", "mit Sitz in": the places after it are where an organisation sits.
    Seat,
    /// Its subject buys ("kauft", "acquires") or sells ("verkauft", "sells").
    BuyerVerb,
    SellerVerb,
    /// "paid", "zahlte", "trả": see `payment_verbs`.
    Payment,
    /// "wird", "wurde", "được": see `passive_aux`.
    PassiveAux,
    SingularHead,
    Purpose,
    ItemStop,
    /// "per share", "mỗi cổ phiếu", "pro Aktie": the amount before it prices one unit.
    UnitPrice,
    /// See `Cues::list_openers`.
    ListOpen,
    /// See `Cues::list_joins`.
    ListJoin,
    /// See `Cues::modified_heads`.
    ModifiedHead,
    /// See `Cues::sales_periods`.
    SalesPeriod,
    /// See `Cues::one_unit`.
    OneUnit,
    /// See `Cues::cost_verbs`.
    CostVerb,
    /// "tương đương", "umgerechnet", "equivalent to": the amount after it restates the one before.
    ConversionCue,
    /// "awarded … to B", "vergibt … an B": B supplies.
    Award,
    /// The verb of a phrase of verb and particle ("sagte" of "sagte zu"): where the particle
    /// ends the verb's clause, the verb's hit takes the roles of the whole phrase (see
    /// `DealLexicon::hits`; which phrase and particle are kept beside the roles, so that this
    /// enum stays cheap to compare).
    SeparableVerb,
}

/// A compiled lexicon.
pub struct DealLexicon {
    set: PhraseSet,
    /// The verbs of beating (`beat_verbs`), matched anywhere in a sentence's folded text: a joint
    /// scan reports every match, so that whether a sentence holds one costs no search of its own.
    beat_set: PhraseSet,
    roles: Vec<Vec<Role>>,
    /// Per phrase: the verb-and-particle phrases it is the verb of, each as the joined phrase's
    /// index and the particle's index into `separable_particles` (empty for nearly all).
    separable: Vec<Vec<(usize, usize)>>,
    /// See `verb_final` in the lexicon file.
    pub verb_final: bool,
    /// See `names_in_english` in the lexicon file.
    pub names_in_english: bool,
    /// See `nouns_capitalised` in the lexicon file.
    pub nouns_capitalised: bool,
    /// See `national_units` in the lexicon file.
    pub national_units: bool,
    /// See `country_before_name` in the lexicon file.
    pub country_before_name: bool,
    /// See `country_after_name` in the lexicon file (as written).
    pub country_after_name: Vec<String>,
    /// See `descriptor_words` in the lexicon file.
    pub descriptor_words: usize,
    /// See `descriptor_nouns` in the lexicon file (lower-cased).
    pub descriptor_nouns: Vec<String>,
    /// The descriptor nouns of one word and of several words apart, and the longest of the
    /// latter in characters: asked of the text before every unknown name, sorted once.
    pub descriptor_single: Vec<String>,
    pub descriptor_multi: Vec<String>,
    pub descriptor_reach: Option<usize>,
    /// See `age_units` in the lexicon file (lower-cased).
    pub age_units: Vec<String>,
    /// See `not_names` in the lexicon file (as written).
    pub not_names: Vec<String>,
    /// See `of_a_name` in the lexicon file (as written).
    pub of_a_name: Vec<String>,
    /// See `owned_company` in the lexicon file (lower-cased).
    pub owned_company: Vec<String>,
    /// See `nouns_a_country_describes` in the lexicon file (as written).
    pub nouns_a_country_describes: Vec<String>,
    /// See `group_words` in the lexicon file (lower-cased).
    pub group_words: Vec<String>,
    /// See `members_follow` in the lexicon file (lower-cased).
    pub members_follow: Vec<String>,
    /// See `genitive_client` in the lexicon file (lower-cased).
    pub genitive_client: Vec<String>,
    /// See `compound_relations` in the lexicon file (lower-cased).
    pub compound_relations: Vec<String>,
    /// See `place_adjective_endings` in the lexicon file.
    pub place_adjective_endings: Vec<String>,
    /// See `qualifying_suffixes` in the lexicon file; lower-cased.
    pub qualifying_suffixes: Vec<String>,
    /// See `fronting` in the lexicon file (lower-cased).
    pub fronting: Vec<String>,
    /// See `subordinators` in the lexicon file (lower-cased).
    pub subordinators: Vec<String>,
    /// See `clause_conjunctions` in the lexicon file; lower-cased.
    pub clause_conjunctions: Vec<String>,
    /// See `separable_particles` in the lexicon file; lower-cased.
    pub separable_particles: Vec<String>,
    /// See `commission_verbs` in the lexicon file; lower-cased.
    pub commission_verbs: Vec<String>,
    /// See `client_openers` and `counterparty_openers` in the lexicon file; lower-cased.
    pub client_openers: Vec<String>,
    pub counterparty_openers: Vec<String>,
    /// See `spend_verbs` in the lexicon file; lower-cased.
    pub spend_verbs: Vec<String>,
    /// See `home_countries` in the lexicon file (as written).
    pub home_countries: Vec<String>,
    /// See `investor_openers` and `investor_closers` in the lexicon file; lower-cased.
    pub investor_openers: Vec<String>,
    pub investor_closers: Vec<String>,
    /// See `seat_cues` in the lexicon file; lower-cased.
    pub seat_cues: Vec<String>,
    /// The roles of a particle that ends a separated verb's clause: it ends the item.
    particle_roles: Vec<Role>,
    /// The roles of a deal word of `modified_heads` that no modifier makes one: a blocker.
    unmodified_roles: Vec<Role>,
    /// See `Cues::head_modifiers` (lower-cased): read as text, not scanned, since they are
    /// common words ("the", "year") that other rules must not see as lexicon hits.
    head_modifiers: Vec<String>,
    /// See `relative_pronouns` in the lexicon file (lower-cased).
    pub relative_pronouns: Vec<String>,
    /// See `led_by` and `led_by_close` in the lexicon file (lower-cased).
    pub led_by: Vec<String>,
    pub led_by_close: Vec<String>,
    /// See `traded_units` in the lexicon file (lower-cased).
    pub traded_units: Vec<String>,
    /// See `takeover_nouns`, `takeover_of` and `takeover_by` in the lexicon file (lower-cased).
    pub takeover_nouns: Vec<String>,
    /// See `company_deal_nouns` in the lexicon file (lower-cased).
    pub company_deal_nouns: Vec<String>,
    /// See `framework_nouns` in the lexicon file (lower-cased).
    pub framework_nouns: Vec<String>,
    /// See `company_object_ends` in the lexicon file (lower-cased).
    pub company_object_ends: Vec<String>,
    /// See `business_units` in the lexicon file (lower-cased).
    pub business_units: Vec<String>,
    pub takeover_of: Vec<String>,
    pub takeover_by: Vec<String>,
    /// See `bid_nouns` and `bid_for` in the lexicon file (lower-cased).
    pub bid_nouns: Vec<String>,
    pub bid_for: Vec<String>,
    /// See `takeover_verbs` in the lexicon file (lower-cased).
    pub takeover_verbs: Vec<String>,
    /// See `merger_verbs` in the lexicon file (lower-cased).
    pub merger_verbs: Vec<String>,
    /// See `money_first_verbs` in the lexicon file (lower-cased).
    pub money_first_verbs: Vec<String>,
    /// See `money_with_verbs` in the lexicon file (lower-cased).
    pub money_with_verbs: Vec<String>,
    /// See `money_from_verbs` in the lexicon file (lower-cased).
    pub money_from_verbs: Vec<String>,
    /// See `owner_participles` in the lexicon file (lower-cased).
    pub owner_participles: Vec<String>,
    /// See `nominative_articles` in the lexicon file (lower-cased).
    pub nominative_articles: Vec<String>,
    /// See `subject_articles` in the lexicon file (lower-cased).
    pub subject_articles: Vec<String>,
    /// See `dative_articles` in the lexicon file (lower-cased).
    pub dative_articles: Vec<String>,
    /// See `passive_by` in the lexicon file (lower-cased).
    pub passive_by: Vec<String>,
    /// See `passive_agent_after_aux` in the lexicon file.
    pub passive_agent_after_aux: bool,
    /// See `apposition_openers` in the lexicon file (lower-cased).
    pub apposition_openers: Vec<String>,
    /// See `restated_openers` in the lexicon file (lower-cased).
    pub restated_openers: Vec<String>,
    /// See `speech_verbs` in the lexicon file (lower-cased).
    pub speech_verbs: Vec<String>,
    /// See `self_pronouns` in the lexicon file (lower-cased).
    pub self_pronouns: Vec<String>,
    /// See `adverbs` in the lexicon file (lower-cased).
    pub adverbs: Vec<String>,
    /// See `winner_copulas` in the lexicon file (lower-cased).
    pub winner_copulas: Vec<String>,
    /// See `title_heads` in the lexicon file (lower-cased).
    pub title_heads: Vec<String>,
    /// See `maker_words` in the lexicon file (lower-cased).
    pub maker_words: Vec<String>,
    /// See `state_body_words` in the lexicon file (lower-cased).
    pub state_body_words: Vec<String>,
    /// See `maker_name_words` in the lexicon file (lower-cased).
    pub maker_name_words: Vec<String>,
    /// See `counted_objects` in the lexicon file: the lower-cased nouns in one automaton
    /// (leftmost-longest), asked of an amount's clause in one pass.
    pub counted_objects: aho_corasick::AhoCorasick,
    /// See `numbered_parts` in the lexicon file (as written).
    pub numbered_parts: Vec<String>,
    /// See `lender_words` and `investor_words` in the lexicon file (lower-cased).
    pub lender_words: Vec<String>,
    pub investor_words: Vec<String>,
    /// See `lender_aid_words` in the lexicon file (lower-cased).
    pub lender_aid_words: Vec<String>,
    /// See `approval_nouns` in the lexicon file (lower-cased).
    pub approval_nouns: Vec<String>,
    /// See `Cues::modifiers_follow_noun`.
    pub modifiers_follow_noun: bool,
    /// See `Cues::item_fillers` (lower-cased).
    pub item_fillers: Vec<String>,
    /// See `Cues::duration_units` (lower-cased).
    pub duration_units: Vec<String>,
    /// See `rivals` and `beat_verbs` in the lexicon file (lower-cased).
    pub rivals: Vec<String>,
    pub beat_verbs: Vec<String>,
    /// The words that join two parties ("and" of "between … and"), lower-cased.
    pub joins: Vec<String>,
    /// See `business_words` in the lexicon file (as written).
    pub business_words: Vec<[String; 2]>,
    /// The organisation heads that are no part of the English name (template "{}"), longest
    /// first: a second one inside a name is dropped ("Công ty Cổ phần Tập đoàn Sơn Hà").
    pub plain_heads: Vec<String>,
}

/// A phrase found in a sentence with its roles.
#[derive(Debug, Clone)]
pub struct Hit<'a> {
    pub start: usize,
    pub end: usize,
    pub roles: &'a [Role],
}

impl<'a> Hit<'a> {
    pub fn has(&self, f: impl Fn(&Role) -> bool) -> bool {
        self.roles.iter().any(f)
    }
    /// The same phrase with no deal-word role: what is left of "raised" in "raised prices" once
    /// a rule has found it is no deal word there (it may still tell a total's proceeds, or who
    /// receives). The roles of a phrase list the deal-word roles first
    /// (`DealLexicon::assemble`), so this is the rest of the slice.
    pub fn without_trigger(&self) -> Hit<'a> {
        self.past_leading(|r| matches!(r, Role::Trigger { .. }))
    }
    /// The same phrase with neither a deal-word role nor `Role::Receive` (listed right after the
    /// deal-word roles).
    pub fn without_receiving(&self) -> Hit<'a> {
        self.past_leading(|r| matches!(r, Role::Trigger { .. } | Role::Receive))
    }
    fn past_leading(&self, leading: impl Fn(&Role) -> bool) -> Hit<'a> {
        let n = self.roles.iter().take_while(|r| leading(r)).count();
        Hit {
            start: self.start,
            end: self.end,
            roles: &self.roles[n..],
        }
    }
    pub fn trigger(&self) -> Option<(DealType, Class, bool)> {
        self.roles.iter().find_map(|r| match r {
            Role::Trigger { ty, class, plural } => Some((*ty, *class, *plural)),
            _ => None,
        })
    }
    /// A word that opens the parties' part of a clause or tells a status ("giữa", "with", "to",
    /// "from", "of", "signed"): the description of a deal's item or type ends before it.
    pub fn opens_parties(&self) -> bool {
        self.has(|r| {
            matches!(
                r,
                Role::BetweenOpen | Role::With | Role::To | Role::From | Role::Of | Role::Status(_)
            )
        })
    }

    pub fn status(&self) -> Option<DealStatus> {
        self.roles.iter().find_map(|r| match r {
            Role::Status(s) => Some(*s),
            _ => None,
        })
    }
    pub fn type_cue(&self) -> Option<DealType> {
        self.roles.iter().find_map(|r| match r {
            Role::TypeCue(t) => Some(*t),
            _ => None,
        })
    }
    pub fn org_head(&self) -> Option<Option<&str>> {
        self.roles.iter().find_map(|r| match r {
            Role::OrgHead(t) => Some(t.as_deref()),
            _ => None,
        })
    }
}

fn parse_type(s: &str) -> DealType {
    DealType::parse(s).unwrap_or_else(|| panic!("deal lexicon: unknown deal type {s:?}"))
}

/// The phrases of a lexicon file and their roles, as they are added.
#[derive(Default)]
struct Builder {
    index: HashMap<String, usize>,
    phrases: Vec<(String, bool)>,
    roles: Vec<Vec<Role>>,
    /// Per verb phrase of `separable_verbs`: (verb's index, joined phrase's index, particle).
    separated: Vec<(usize, usize, usize)>,
}

impl Builder {
    /// The cue lists of the lexicon file, each with its role.
    fn cues(&mut self, cues: &Cues) {
        self.add_all(&cues.plural_markers, Role::Plural);
        self.add_all(&cues.blockers, Role::Blocker);
        self.add_all(&cues.cancel_verbs, Role::Cancel);
        self.add_all(&cues.total_cues, Role::TotalCue);
        self.add_all(&cues.statistic_cues, Role::StatisticCue);
        self.add_all(&cues.unit_price, Role::UnitPrice);
        self.add_all(&cues.unit_price_before, Role::UnitPriceBefore);
        self.add_all(&cues.list_openers, Role::ListOpen);
        self.add_all(&cues.list_joins, Role::ListJoin);
        self.add_all(&cues.modified_heads, Role::ModifiedHead);
        self.add_all(&cues.sales_periods, Role::SalesPeriod);
        self.add_all(&cues.one_unit, Role::OneUnit);
        self.add_all(&cues.cost_verbs, Role::CostVerb);
        self.add_all(&cues.conversion_cues, Role::ConversionCue);
        self.add_all(&cues.converted, Role::Converted);
        self.add_all(&cues.describes, Role::Describes);
        self.add_all(&cues.part_payment, Role::PartPayment);
        self.add_all(&cues.part_payment_after, Role::PartPaymentAfter);
        self.add_all(&cues.change_cues, Role::ChangeCue);
        self.add_all(&cues.option_cues, Role::OptionCue);
        self.add_all(&cues.manner_of_act, Role::MannerOfAct);
        self.add_all(&cues.restating_act, Role::RestatingAct);
        self.add_all(&cues.running_total, Role::RunningTotal);
        self.add_all(&cues.running_to, Role::RunningTo);
        self.add_all(&cues.cumulative, Role::Cumulative);
        self.add_all(&cues.cumulative_opening, Role::CumulativeOpening);
        self.add_all(&cues.superlatives, Role::Superlative);
        self.add_all(&cues.auction, Role::Auction);
        self.add_all(&cues.advisory_roles, Role::Advisory);
        self.add_all(&cues.proceeds, Role::Proceeds);
        self.add_all(&cues.contingent, Role::Contingent);
        self.add_all(&cues.licence_objects, Role::LicenceObject);
        self.add_all(&cues.programme_money, Role::ProgrammeMoney);
        self.add_all(&cues.topic, Role::Topic);
        self.add_all(&cues.back_reference_modifiers, Role::BackModifier);
        self.add_all(&cues.value_of, Role::ValueOf);
        self.add_all(&cues.worth_of, Role::WorthOf);
        self.add_all(&cues.borrowed_by_issuer, Role::BorrowedBy);
        self.add_all(&cues.portfolio_titles, Role::PortfolioTitle);
        self.add_all(&cues.breakdown, Role::Breakdown);
        self.add_all(&cues.stake, Role::Stake);
        self.add_all(&cues.arranger, Role::Arranger);
        self.add_all(&cues.offtake, Role::Offtake);
        self.add_all(&cues.lenders, Role::Lenders);
        self.add_all(&cues.likewise, Role::Likewise);
        self.add_all(&cues.likewise_after, Role::LikewiseAfter);
        self.add_all(&cues.both_parties, Role::BothParties);
        self.add_all(&cues.invested_in, Role::InvestedIn);
        self.add_all(&cues.built_with, Role::BuiltWith);
        self.add_all(&cues.project_owner, Role::ProjectOwner);
        self.add_all(&cues.back_reference_before, Role::BackBefore);
        self.add_all(&cues.back_reference_after, Role::BackAfter);
        self.add_all(&cues.owner_before_name, Role::OwnerBefore);
    }

    /// One phrase with one more role (a phrase met again keeps its first spelling).
    fn add(&mut self, p: &str, compound: bool, role: Role) {
        let p = p.trim();
        if p.is_empty() {
            return;
        }
        let phrases = &mut self.phrases;
        let roles = &mut self.roles;
        let i = *self.index.entry(p.to_lowercase()).or_insert_with(|| {
            phrases.push((p.to_string(), compound));
            roles.push(Vec::new());
            phrases.len() - 1
        });
        if compound {
            self.phrases[i].1 = true;
        }
        if !self.roles[i].contains(&role) {
            self.roles[i].push(role);
        }
    }

    fn add_all(&mut self, list: &[String], role: Role) {
        for p in list {
            self.add(p, false, role.clone());
        }
    }

    fn triggers(&mut self, groups: &[TriggerGroup]) {
        for g in groups {
            let ty = parse_type(&g.ty);
            let class = if g.class == "action" {
                Class::Action
            } else {
                Class::Document
            };
            for (list, plural) in [(&g.phrases, false), (&g.plural, true)] {
                for p in list {
                    self.add(p, g.compound, Role::Trigger { ty, class, plural });
                }
            }
        }
    }

    fn type_and_status_cues(&mut self, type_cue: &[TypeCueGroup], st: &StatusCues) {
        for g in type_cue {
            for p in &g.phrases {
                self.add(p, false, Role::TypeCue(parse_type(&g.ty)));
            }
        }
        for (list, s) in [
            (&st.signed, DealStatus::Signed),
            (&st.announced, DealStatus::Announced),
            (&st.negotiating, DealStatus::Negotiating),
            (&st.proposed, DealStatus::Proposed),
        ] {
            self.add_all(list, Role::Status(s));
        }
        self.add_all(&st.future, Role::Future);
        self.add_all(&st.auxiliary, Role::Auxiliary);
        self.add_all(&st.progressive, Role::Progressive);
        self.add_all(&st.present_announces, Role::PresentAnnounces);
        self.add_all(&st.plan_adjectives, Role::PlanAdjective);
        self.add_all(&st.infinitive, Role::Infinitive);
        self.add_all(&st.accept, Role::Accept);
    }

    fn parties(&mut self, pp: &PartyPatterns) {
        for [open, join] in &pp.between {
            self.add(open, false, Role::BetweenOpen);
            self.add(join, false, Role::BetweenJoin);
        }
        for (list, role) in [
            (&pp.with, Role::With),
            (&pp.to, Role::To),
            (&pp.from, Role::From),
            (&pp.of, Role::Of),
            (&pp.stops, Role::Stop),
            (&pp.connectors, Role::Connector),
            (&pp.determiners, Role::Determiner),
            (&pp.clause_openers, Role::ClauseOpener),
            (&pp.supplies_with, Role::SuppliesWith),
            (&pp.org_tails, Role::OrgTail),
            (&pp.titles, Role::Title),
            (&pp.relations, Role::Relation),
            (&pp.receive, Role::Receive),
            (&pp.places, Role::Locative),
            (&pp.seat_cues, Role::Seat),
            (&pp.buyer_verbs, Role::BuyerVerb),
            (&pp.payment_verbs, Role::Payment),
            (&pp.passive_aux, Role::PassiveAux),
            (&pp.seller_verbs, Role::SellerVerb),
            (&pp.award, Role::Award),
            (&pp.reporting_verbs, Role::Reporting),
            (&pp.approval_verbs, Role::Approval),
        ] {
            self.add_all(list, role);
        }
    }
}

impl Builder {
    /// "sagte zu", "steigt ein": each phrase of one verb and one of the language's
    /// `separable_particles` that is a deal word makes its verb a phrase of its own, with a role
    /// that points to the whole phrase (`Role::SeparableVerb`), so that "sagte … zu" is found as
    /// "sagte zu" is.
    fn separable_verbs(&mut self, particles: &[String]) {
        let particles: Vec<String> = particles.iter().map(|p| p.to_lowercase()).collect();
        let joined: Vec<(String, usize, usize)> = self
            .phrases
            .iter()
            .enumerate()
            .filter(|(i, _)| {
                self.roles[*i]
                    .iter()
                    .any(|r| matches!(r, Role::Trigger { .. }))
            })
            .filter_map(|(i, (p, _))| {
                let lower = p.to_lowercase();
                let (verb, particle) = lower.split_once(' ')?;
                let k = particles.iter().position(|q| q == particle)?;
                Some((verb.to_string(), i, k))
            })
            .collect();
        for (verb, i, k) in joined {
            self.add(&verb, false, Role::SeparableVerb);
            let v = self.index[&verb];
            self.separated.push((v, i, k));
        }
    }

    /// "đạt được thỏa thuận", "đã đặt hàng": a status phrase that ends in a trigger would hide
    /// it (the longest phrase wins a place in the text), so it carries the trigger's roles too.
    fn status_phrases_keep_their_trigger(&mut self) {
        let lowered: Vec<String> = self.phrases.iter().map(|(p, _)| p.to_lowercase()).collect();
        for i in 0..self.roles.len() {
            let status = self.roles[i].iter().any(|r| matches!(r, Role::Status(_)));
            let trigger = |r: &Role| matches!(r, Role::Trigger { .. });
            if !status || self.roles[i].iter().any(trigger) {
                continue;
            }
            let inner = (0..lowered.len())
                .filter(|&j| j != i && self.roles[j].iter().any(trigger))
                .filter(|&j| {
                    // Ends with " " and the trigger (no string made for each pair).
                    lowered[i]
                        .strip_suffix(lowered[j].as_str())
                        .is_some_and(|head| head.ends_with(' '))
                })
                .max_by_key(|&j| lowered[j].len());
            if let Some(j) = inner {
                let extra: Vec<Role> = self.roles[j]
                    .iter()
                    .filter(|r| trigger(r))
                    .cloned()
                    .collect();
                self.roles[i].extend(extra);
            }
        }
    }
}

impl DealLexicon {
    /// Whether `word` (as written) is one of the language's `dative_articles` ("dem", "der").
    pub fn is_dative_article(&self, word: &str) -> bool {
        self.dative_articles
            .iter()
            .any(|d| word.chars().flat_map(char::to_lowercase).eq(d.chars()))
    }

    /// Where the language's `led_by` words ("led by", "unter Führung von", "do") stand in
    /// `lower` (lower-cased text) as whole words, in text order: each start and word.
    pub fn led_by_in<'s>(&'s self, lower: &str) -> Vec<(usize, &'s str)> {
        let mut found: Vec<(usize, &str)> = self
            .led_by
            .iter()
            .flat_map(|p| {
                lower
                    .match_indices(p.as_str())
                    .map(move |(i, _)| (i, p.as_str()))
            })
            .filter(|&(i, p)| {
                !lower[..i]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric)
                    && lower[i + p.len()..].starts_with(' ')
            })
            .collect();
        found.sort();
        found
    }

    pub fn parse(toml_text: &str) -> Result<DealLexicon, toml::de::Error> {
        let raw: RawLexicon = toml::from_str(toml_text)?;
        let mut b = Builder::default();
        b.triggers(&raw.trigger);
        b.type_and_status_cues(&raw.type_cue, &raw.status);
        b.cues(&raw.cues);
        b.parties(&raw.parties);
        for g in &raw.org_head {
            b.add_all(&g.phrases, Role::OrgHead(g.template.clone()));
        }
        for g in &raw.anaphor {
            let kinds = g
                .refers_to
                .iter()
                .map(|k| crate::entity::Kind::parse(k))
                .collect::<Option<Vec<_>>>()
                .ok_or_else(|| {
                    <toml::de::Error as serde::de::Error>::custom("anaphor: unknown entity kind")
                })?;
            b.add_all(&g.phrases, Role::Anaphor(kinds));
        }
        b.add_all(&raw.cues.singular_heads, Role::SingularHead);
        b.add_all(&raw.cues.purpose, Role::Purpose);
        b.add_all(&raw.cues.item_stops, Role::ItemStop);
        b.status_phrases_keep_their_trigger();
        b.separable_verbs(&raw.parties.separable_particles);
        Ok(DealLexicon::assemble(b, &raw))
    }

    /// The compiled lexicon from the builder's phrases and the file's party patterns.
    fn assemble(b: Builder, raw: &RawLexicon) -> DealLexicon {
        let beat: Vec<(String, bool)> = raw
            .parties
            .beat_verbs
            .iter()
            .map(|v| (v.to_lowercase(), false))
            .collect();
        // A phrase's deal-word roles come first and its receiving second, so that what
        // `Hit::without_trigger` and `Hit::without_receiving` leave is a sub-slice.
        let mut roles = b.roles;
        for r in &mut roles {
            r.sort_by_key(|r| match r {
                Role::Trigger { .. } => 0,
                Role::Receive => 1,
                _ => 2,
            });
        }
        let descriptors: Vec<String> = {
            // "den Herstellern Kestrel und Orvex": each noun also with the case endings the
            // language adds to it (`descriptor_endings`).
            let nouns = raw
                .parties
                .descriptor_nouns
                .iter()
                .map(|w| w.to_lowercase());
            let mut all: Vec<String> = nouns.clone().collect();
            for n in nouns {
                for e in &raw.parties.descriptor_endings {
                    let form = format!("{n}{e}");
                    if !all.contains(&form) {
                        all.push(form);
                    }
                }
            }
            all
        };
        DealLexicon {
            set: PhraseSet::new(&b.phrases),
            beat_set: PhraseSet::new(&beat),
            separable: {
                let mut by_verb = vec![Vec::new(); roles.len()];
                for &(v, joined, particle) in &b.separated {
                    by_verb[v].push((joined, particle));
                }
                by_verb
            },
            roles,
            verb_final: raw.parties.verb_final,
            names_in_english: raw.parties.names_in_english,
            nouns_capitalised: raw.parties.nouns_capitalised,
            national_units: raw.parties.national_units,
            country_before_name: raw.parties.country_before_name,
            country_after_name: raw.parties.country_after_name.clone(),
            descriptor_words: raw.parties.descriptor_words.unwrap_or(4),
            descriptor_single: descriptors
                .iter()
                .filter(|n| !n.contains(' '))
                .cloned()
                .collect(),
            descriptor_multi: descriptors
                .iter()
                .filter(|n| n.contains(' '))
                .cloned()
                .collect(),
            descriptor_reach: descriptors
                .iter()
                .filter(|n| n.contains(' '))
                .map(|n| n.chars().count())
                .max(),
            descriptor_nouns: descriptors,
            age_units: raw
                .parties
                .age_units
                .iter()
                .map(|w| w.to_lowercase())
                .collect(),
            not_names: raw.parties.not_names.clone(),
            of_a_name: raw.parties.of_a_name.clone(),
            owned_company: lower(&raw.parties.owned_company),
            nouns_a_country_describes: raw.parties.nouns_a_country_describes.clone(),
            group_words: lower(&raw.parties.group_words),
            members_follow: lower(&raw.parties.members_follow),
            genitive_client: lower(&raw.parties.genitive_client),
            compound_relations: lower(&raw.parties.compound_relations),
            place_adjective_endings: raw.parties.place_adjective_endings.clone(),
            qualifying_suffixes: lower(&raw.parties.qualifying_suffixes),
            takeover_nouns: lower(&raw.parties.takeover_nouns),
            company_deal_nouns: lower(&raw.parties.company_deal_nouns),
            framework_nouns: lower(&raw.parties.framework_nouns),
            company_object_ends: lower(&raw.parties.company_object_ends),
            business_units: lower(&raw.parties.business_units),
            takeover_of: lower(&raw.parties.takeover_of),
            takeover_by: lower(&raw.parties.takeover_by),
            bid_nouns: lower(&raw.parties.bid_nouns),
            bid_for: lower(&raw.parties.bid_for),
            apposition_openers: lower(&raw.parties.apposition_openers),
            restated_openers: lower(&raw.parties.restated_openers),
            speech_verbs: lower(&raw.parties.speech_verbs),
            self_pronouns: lower(&raw.parties.self_pronouns),
            adverbs: lower(&raw.parties.adverbs),
            winner_copulas: lower(&raw.parties.winner_copulas),
            title_heads: lower(&raw.parties.title_heads),
            maker_words: lower(&raw.parties.maker_words),
            state_body_words: lower(&raw.parties.state_body_words),
            takeover_verbs: lower(&raw.parties.takeover_verbs),
            merger_verbs: lower(&raw.parties.merger_verbs),
            money_first_verbs: lower(&raw.parties.money_first_verbs),
            money_with_verbs: lower(&raw.parties.money_with_verbs),
            money_from_verbs: lower(&raw.parties.money_from_verbs),
            owner_participles: lower(&raw.parties.owner_participles),
            nominative_articles: lower(&raw.parties.nominative_articles),
            dative_articles: lower(&raw.parties.dative_articles),
            passive_by: lower(&raw.parties.passive_by),
            passive_agent_after_aux: raw.parties.passive_agent_after_aux,
            item_fillers: lower(&raw.cues.item_fillers),
            duration_units: lower(&raw.cues.duration_units),
            counted_objects: aho_corasick::AhoCorasick::builder()
                .match_kind(aho_corasick::MatchKind::LeftmostLongest)
                .build(lower(&raw.cues.counted_objects))
                .expect("counted_objects: an automaton of a few words builds"),
            modifiers_follow_noun: raw.cues.modifiers_follow_noun,
            maker_name_words: lower(&raw.parties.maker_name_words),
            lender_words: lower(&raw.parties.lender_words),
            numbered_parts: raw.parties.numbered_parts.clone(),
            investor_words: lower(&raw.parties.investor_words),
            lender_aid_words: lower(&raw.parties.lender_aid_words),
            approval_nouns: lower(&raw.parties.approval_nouns),
            rivals: lower(&raw.parties.rivals),
            beat_verbs: lower(&raw.parties.beat_verbs),
            joins: raw
                .parties
                .between
                .iter()
                .map(|[_, j]| j.to_lowercase())
                .collect(),
            business_words: raw.parties.business_words.clone(),
            plain_heads: {
                let mut heads: Vec<String> = raw
                    .org_head
                    .iter()
                    .filter(|g| g.template.as_deref() == Some("{}"))
                    .flat_map(|g| g.phrases.iter().cloned())
                    .collect();
                heads.sort_by_key(|h| std::cmp::Reverse(h.len()));
                heads
            },
            clause_conjunctions: lower(&raw.parties.clause_conjunctions),
            separable_particles: lower(&raw.parties.separable_particles),
            commission_verbs: lower(&raw.parties.commission_verbs),
            client_openers: lower(&raw.parties.client_openers),
            counterparty_openers: lower(&raw.parties.counterparty_openers),
            investor_openers: lower(&raw.parties.investor_openers),
            spend_verbs: lower(&raw.parties.spend_verbs),
            home_countries: raw.parties.home_countries.clone(),
            investor_closers: lower(&raw.parties.investor_closers),
            seat_cues: lower(&raw.parties.seat_cues),
            particle_roles: vec![Role::ItemStop],
            unmodified_roles: vec![Role::Blocker],
            head_modifiers: lower(&raw.cues.head_modifiers),
            subordinators: lower(&raw.parties.subordinators),
            fronting: raw
                .parties
                .fronting
                .iter()
                .map(|w| w.to_lowercase())
                .collect(),
            subject_articles: raw
                .parties
                .subject_articles
                .iter()
                .map(|w| w.to_lowercase())
                .collect(),
            relative_pronouns: raw
                .parties
                .relative_pronouns
                .iter()
                .map(|w| w.to_lowercase())
                .collect(),
            led_by: lower(&raw.parties.led_by),
            led_by_close: lower(&raw.parties.led_by_close),
            traded_units: lower(&raw.cues.traded_units),
        }
    }

    /// Every lexicon phrase in `text` (longest first, no overlaps), with its roles.
    pub fn scan<'a>(&'a self, text: &str, folded: &Folded) -> Vec<Hit<'a>> {
        self.hits(text, self.set.find(text, folded))
    }

    /// The lexicon's phrases among `raw`, the matches a joint scan reported for
    /// [`Self::phrases`]: what [`Self::scan`] gives.
    pub fn select<'a>(&'a self, text: &str, folded: &Folded, raw: &[RawMatch]) -> Vec<Hit<'a>> {
        self.hits(text, self.set.select(text, folded, raw))
    }

    /// The lexicon's phrase set, for a joint scan.
    pub fn phrases(&self) -> &PhraseSet {
        &self.set
    }

    /// The verbs of beating as a phrase set, for a joint scan: a sentence holds one (anywhere,
    /// as `str::contains` would find it) where the scan's list for it is not empty.
    pub fn beat_phrases(&self) -> &PhraseSet {
        &self.beat_set
    }

    fn hits(&self, text: &str, found: Vec<PhraseHit>) -> Vec<Hit<'_>> {
        let separated: Vec<(usize, usize)> = found
            .iter()
            .enumerate()
            .filter(|(_, p)| !self.separable[p.id].is_empty())
            .map(|(i, p)| (i, p.id))
            .collect();
        let mut hits: Vec<Hit> = found
            .into_iter()
            .map(|PhraseHit { start, end, id }| Hit {
                start,
                end,
                roles: &self.roles[id],
            })
            .collect();
        if !separated.is_empty() {
            self.join_separated_verbs(text, &mut hits, &separated);
        }
        for h in &mut hits {
            if h.has(|r| *r == Role::ModifiedHead)
                && !modified_as_a_deal(text, h.start, &self.head_modifiers)
            {
                h.roles = &self.unmodified_roles;
            }
        }
        hits
    }

    /// "Kestrel sagte der Ukraine 500 Millionen Euro zu": a verb whose particle ends its clause
    /// (`particle_ends_clause`) is the verb-and-particle phrase ("sagte zu") where the verb
    /// stands, and the particle only ends the deal's item ("zu" is no infinitive marker there,
    /// "an" names no side).
    fn join_separated_verbs<'a>(
        &'a self,
        text: &str,
        hits: &mut Vec<Hit<'a>>,
        verbs: &[(usize, usize)],
    ) {
        let opens_clause = |w: &str| {
            self.joins.iter().any(|j| j == w) || self.clause_conjunctions.iter().any(|c| c == w)
        };
        let mut particles: Vec<(usize, usize)> = Vec::new();
        for &(i, id) in verbs {
            let h = &mut hits[i];
            let found = self.separable[id].iter().find_map(|&(joined, particle)| {
                let p = self.separable_particles.get(particle)?;
                particle_ends_clause(text, h.end, p, opens_clause)
                    .map(|at| (joined, (at, at + p.len())))
            });
            if let Some((joined, at)) = found {
                h.roles = &self.roles[joined];
                particles.push(at);
            }
        }
        for (start, end) in particles {
            match hits.iter_mut().find(|h| h.start == start) {
                Some(h) => h.roles = &self.particle_roles,
                None => {
                    let at = hits.partition_point(|h| h.start < start);
                    let roles = &self.particle_roles;
                    hits.insert(at, Hit { start, end, roles });
                }
            }
        }
    }
}

/// "sagte der Ukraine 500 Millionen Euro zu.", "steigt bei Orvex ein und übernimmt …": where
/// `particle` is the last word of the clause that goes on at `from`, its start. A clause ends
/// before a comma, semicolon, colon, "!" or "?", at the sentence's end, and before a word that
/// `opens_clause` ("und", "während"). A full stop inside a sentence ends no clause ("500 Mio.
/// Euro"): the sentence was cut at its end.
fn particle_ends_clause(
    text: &str,
    from: usize,
    particle: &str,
    opens_clause: impl Fn(&str) -> bool,
) -> Option<usize> {
    let rest = text.get(from..)?;
    let mut words = rest
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
        .peekable();
    while let Some((at, w)) = words.next() {
        let not_letter = |c: char| !c.is_alphanumeric();
        let head = w.trim_end_matches(not_letter);
        let closes = w[head.len()..]
            .chars()
            .any(|c| matches!(c, ',' | ';' | ':' | '!' | '?'));
        let last = words
            .peek()
            .is_none_or(|(_, n)| opens_clause(&n.trim_matches(not_letter).to_lowercase()));
        if closes || last {
            let bare = head.trim_start_matches(not_letter);
            let start = at + (head.len() - bare.len());
            return bare.eq_ignore_ascii_case(particle).then_some(start);
        }
    }
    None
}

/// The compiled lexicon of a language.
pub fn lexicon(lang: Lang) -> &'static DealLexicon {
    static LEX: OnceLock<[DealLexicon; 3]> = OnceLock::new();
    let all = LEX.get_or_init(|| {
        let load = |l: Lang, s: &str| {
            DealLexicon::parse(s).unwrap_or_else(|e| panic!("src/lang/{l}/deals.toml: {e}"))
        };
        Lang::ALL.map(|l| load(l, l.deals().lexicon()))
    });
    &all[lang.index()]
}

/// The words of a list, lower-cased.
fn lower(words: &[String]) -> Vec<String> {
    words.iter().map(|w| w.to_lowercase()).collect()
}

/// "a $400 million facility", "a three-year revolving facility": a deal word of the language's
/// `modified_heads` (starting at `at`) names a deal where a word of `head_modifiers` ends right
/// before it, or a word with a figure ("$400m", "A$180"); "an enrichment facility" is a plant,
/// and the word blocks no less than a blocker.
fn modified_as_a_deal(text: &str, at: usize, modifiers: &[String]) -> bool {
    let before = text[..at].trim_end();
    let last = before.rsplit(char::is_whitespace).next().unwrap_or("");
    let modifier = modifiers.iter().any(|m| {
        before.len().checked_sub(m.len()).is_some_and(|k| {
            before.is_char_boundary(k)
                && super::span::lower_is(&before[k..], m)
                && before[..k]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphanumeric())
        })
    });
    modifier || last.contains(|c: char| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A particle ends its clause before a comma, at the sentence's end or before a word that
    /// opens a clause; a full stop inside the sentence ("Mio.") ends none, and a particle
    /// followed by more of its clause ("zu kaufen") is not the verb's.
    #[test]
    fn a_particle_ends_its_clause() {
        let und = |w: &str| w == "und";
        let s = "Kestrel sagte 500 Mio. Euro zu.";
        assert_eq!(particle_ends_clause(s, 13, "zu", und), Some(s.len() - 3));
        let s = "Kestrel steigt bei Orvex ein und übernimmt 30 Prozent.";
        assert_eq!(
            particle_ends_clause(s, 14, "ein", und),
            s.find(" ein").map(|i| i + 1)
        );
        let s = "Kestrel sagte, man werde Busse zu kaufen versuchen.";
        assert_eq!(particle_ends_clause(s, 13, "zu", und), None);
        let s = "Kestrel sagte Orvex Busse zu kaufen.";
        assert_eq!(particle_ends_clause(s, 13, "zu", und), None);
        let s = "Kestrel sagte der Stadt Hilfe zu, teilte das Amt mit.";
        assert_eq!(particle_ends_clause(s, 13, "zu", und), s.find("zu,"));
    }

    /// A status phrase that ends in a whole trigger word takes the trigger's roles; one that
    /// ends in the trigger's letters inside a longer word does not ("placed order" against
    /// "reorder"), nor does a phrase with no status.
    #[test]
    fn a_status_phrase_ending_in_a_trigger_keeps_the_trigger() {
        let trigger = Role::Trigger {
            ty: DealType::Purchase,
            class: Class::Action,
            plural: false,
        };
        let mut b = Builder::default();
        b.add("Order", false, trigger.clone());
        b.add("placed order", false, Role::Status(DealStatus::Signed));
        b.add("reorder", false, Role::Status(DealStatus::Signed));
        b.add("big order", false, Role::Anaphor(Vec::new()));
        b.status_phrases_keep_their_trigger();
        let roles = |p: &str| b.roles[b.index[p]].clone();
        assert!(roles("placed order").contains(&trigger));
        assert!(!roles("reorder").contains(&trigger));
        assert!(!roles("big order").contains(&trigger));
    }

    #[test]
    fn every_language_lexicon_parses_and_finds_triggers() {
        for (lang, text, want) in [
            (
                Lang::Vi,
                "Hai bên ký hợp đồng mua máy bay",
                DealType::Purchase,
            ),
            (
                Lang::De,
                "Lufthansa unterzeichnet einen Kaufvertrag",
                DealType::Purchase,
            ),
            (
                Lang::En,
                "The carrier signed a purchase agreement",
                DealType::Purchase,
            ),
        ] {
            let lex = lexicon(lang);
            let f = Folded::new(text);
            let hits = lex.scan(text, &f);
            let t = hits.iter().find_map(|h| h.trigger()).map(|t| t.0);
            assert_eq!(t, Some(want), "{lang}: {text}");
        }
    }
}
