//! Merging mentions of the same deal within one document: a caption and the body, a list item and
//! the sentences that follow it. Two deals of the same kind with different items stay apart.

use super::mention::Mention;
use super::names::Name;
use crate::entity::key;

fn party_keys(m: &Mention) -> Vec<String> {
    m.parties.iter().map(|p| name_key(&p.canonical)).collect()
}

/// "The Copper Kettle" in a headline and "Copper Kettle" in the body: one
/// name, with or without the English article that may open it.
fn name_key(name: &str) -> String {
    let name = name.trim();
    key(name
        .strip_prefix("The ")
        .or_else(|| name.strip_prefix("the "))
        .unwrap_or(name))
}

/// "Kestrel Air signed a deal with Orvex …" and "… an agreement with Nordmar Airways to buy
/// parts from Orvex": each names a counterparty the other lacks beside the one they share; two
/// deals (unless they state the same value, see [`compatible`]).
/// A party of a state ("Korea Eximbank") and the state ("South Korea") are one counterparty.
fn other_counterparties(a: &Mention, b: &Mention) -> bool {
    let same = |p: &Name, q: &Name| {
        name_key(&p.canonical) == name_key(&q.canonical)
            || p.country.as_deref() == Some(q.canonical.as_str())
            || q.country.as_deref() == Some(p.canonical.as_str())
    };
    let lacks = |x: &Mention, y: &Mention| {
        x.parties
            .iter()
            .any(|p| !y.parties.iter().any(|q| same(p, q)))
    };
    a.parties.len() >= 2 && b.parties.len() >= 2 && lacks(a, b) && lacks(b, a)
}

/// How many significant digits a value is written with: 90 000 000 has one, 91 400 000 three.
fn significant_digits(v: rust_decimal::Decimal) -> u32 {
    let digits = v.normalize().abs().mantissa().to_string();
    digits.trim_end_matches('0').len().max(1) as u32
}

/// "Halvard liefert Trams für 90 Millionen Euro" over "Den Auftrag über 91,4 Millionen Euro …":
/// a headline or lead rounds the figure the body gives exactly. Two values in one currency agree
/// when the one written with fewer significant digits is the other rounded to as many, and they
/// differ by at most a tenth; a figure told as a minimum ("more than $2 billion") agrees with a
/// larger one up to a quarter more.
fn rounded_alike(x: &crate::model::Amount, y: &crate::model::Amount) -> bool {
    use crate::model::Qualifier;
    use rust_decimal::Decimal;
    if x.currency != y.currency || x.value_max.is_some() || y.value_max.is_some() {
        return false;
    }
    let (r, e) = if significant_digits(x.value) <= significant_digits(y.value) {
        (x, y)
    } else {
        (y, x)
    };
    if r.value <= Decimal::ZERO || e.value <= Decimal::ZERO || r.value == e.value {
        return r.value == e.value;
    }
    if r.qualifier == Qualifier::AtLeast && e.value > r.value {
        return e.value <= r.value * Decimal::new(125, 2);
    }
    let diff = (e.value - r.value).abs();
    if diff * Decimal::TEN > e.value {
        return false;
    }
    // Round the exact figure to the rounder one's significant digits.
    let digits = significant_digits(r.value);
    let magnitude = e.value.trunc().to_string().len() as u32;
    let scale = magnitude.saturating_sub(digits);
    let unit = Decimal::from(10u64.pow(scale.min(18)));
    (e.value / unit).round() * unit == r.value
}

/// "rund 90 Millionen Euro" told first and "91,4 Millionen Euro" after: whether `exact` is the
/// figure `told` rounds ([`rounded_alike`], written with more significant digits).
pub(super) fn exact_of_rounded(
    told: Option<&crate::model::Amount>,
    exact: &crate::model::Amount,
) -> bool {
    told.is_some_and(|t| {
        rounded_alike(t, exact) && significant_digits(exact.value) > significant_digits(t.value)
    })
}

/// "Halvard liefert Trams für 90 Millionen Euro" (a headline) and "Den Auftrag über 91,4
/// Millionen Euro hat sich der Bahnbauer Halvard gesichert" (the body): one deal told with a
/// rounded figure and with the exact one. Both of one kind, with a party in common (or none
/// named beside the other in its paragraph) and no side or count told differently, the rounded
/// figure in the headline or lead (the first two paragraphs) above another paragraph, or told as
/// an estimate or a minimum ("more than $2 billion"), and the figures [`rounded_alike`]. A round
/// figure in a later paragraph is a deal of its own (a bank's earlier bond issues of "300 tỷ
/// đồng" beside this one of "305 tỷ đồng").
fn rounded_restatement(a: &Mention, b: &Mention) -> bool {
    use crate::model::Qualifier;
    let (Some(x), Some(y)) = (&a.amount, &b.amount) else {
        return false;
    };
    if a.ty != b.ty || x.value == y.value || !rounded_alike(x, y) {
        return false;
    }
    let (round, round_m) = if significant_digits(x.value) <= significant_digits(y.value) {
        (x, a)
    } else {
        (y, b)
    };
    // A headline or lead rounds what a later paragraph tells exactly; within one paragraph only
    // an estimate or a minimum restates ("more than $2 billion … a value of $2.3 billion"), where
    // two exact figures are two deals ("a €90 million contract for buses and a €92 million one
    // for trams").
    let told_loosely = matches!(round.qualifier, Qualifier::Approx | Qualifier::AtLeast);
    let headline = round_m.block <= 1 && a.block != b.block;
    if !(headline || told_loosely) {
        return false;
    }
    if let (Some(p), Some(q)) = (a.quantity, b.quantity) {
        if p != q {
            return false;
        }
    }
    for (p, q) in [(&a.provider, &b.provider), (&a.recipient, &b.recipient)] {
        if let (Some(p), Some(q)) = (p, q) {
            if !short_form(p, q) {
                return false;
            }
        }
    }
    let shared = a.parties.iter().any(|p| {
        b.parties
            .iter()
            .any(|q| short_form(&p.canonical, &q.canonical))
    });
    // "Nordmar is spending more than $2 billion to buy Telmar. Nordmar puts a value of $2.3
    // billion on the acquisition.": a telling with no party of its own in the same paragraph.
    let unnamed_beside = a.block == b.block && (a.parties.is_empty() || b.parties.is_empty());
    (shared || unnamed_beside) && !other_counterparties(a, b)
}

/// Folds the tellings of one deal with a rounded and an exact figure into one deal
/// ([`rounded_restatement`]), keeping the exact figure. Run on the article's deals once their
/// sides are filled from the rest of the article, so that a body sentence whose supplier is
/// named only in the headline still shares it.
pub(crate) fn rounded_restatements(out: &mut Vec<Mention>) {
    let mut k = 0;
    while k < out.len() {
        let hi = (k + WINDOW).min(out.len());
        match (k + 1..hi).find(|&j| rounded_restatement(&out[k], &out[j])) {
            Some(j) => {
                let mut m = out.remove(j);
                // The fuller telling (the body's, most often) is the one kept.
                if m.info() > out[k].info() {
                    std::mem::swap(&mut m, &mut out[k]);
                }
                absorb(&mut out[k], m);
                drop_short_forms(&mut out[k].parties);
            }
            None => k += 1,
        }
    }
}

/// "Orvex" in a headline and "Orvex Rail" in the body: one name, or a name and a longer one that
/// opens with all its words.
fn short_form(p: &str, q: &str) -> bool {
    let (wp, wq) = (lower_words(p), lower_words(q));
    name_key(p) == name_key(q) || wp.starts_with(&wq) || wq.starts_with(&wp)
}

/// A name's words in lower case, to tell a short form ("Orvex") from the name it opens ("Orvex
/// Rail").
fn lower_words(name: &str) -> Vec<String> {
    name.to_lowercase()
        .split_whitespace()
        .map(str::to_string)
        .collect()
}

/// "Orvex; Orvex Rail": a party whose words open another party's name is that party's short
/// form, no party of its own.
fn drop_short_forms(parties: &mut Vec<Name>) {
    let all: Vec<Vec<String>> = parties.iter().map(|n| lower_words(&n.canonical)).collect();
    let mut k = 0;
    parties.retain(|_| {
        let mine = &all[k];
        k += 1;
        !all.iter()
            .any(|o| o.len() > mine.len() && o.starts_with(mine))
    });
}

/// "Brisco Analytics Ltd won a contract …" then "The Brisco contract runs …": within one
/// article a name whose words open longer names of parties, all of them one name and its
/// longer forms, is that party's short form and becomes the longest form, so that the two
/// tellings share a party and one deal never has a company on both sides. A public body is
/// left alone ("Vietnam" does not shorten "Vietnam Airlines"), and a short form that opens two
/// different names ("Orvex" beside "Orvex Rail" and "Orvex Bank") stays as it is.
fn short_forms_to_full(mentions: &mut [Mention]) {
    use std::collections::HashMap;
    let public = |n: &Name| n.kind.is_some_and(crate::entity::Kind::is_public);
    // Names by their first word: a short form and its long forms share it. A group is compared
    // pairwise, so a hostile article with thousands of names under one first word is skipped.
    const GROUP: usize = 64;
    let mut groups: HashMap<String, Vec<Vec<String>>> = HashMap::new();
    for n in mentions.iter().flat_map(|m| &m.parties) {
        if public(n) {
            continue;
        }
        let words = lower_words(&n.canonical);
        let Some(first) = words.first().cloned() else {
            continue;
        };
        let g = groups.entry(first).or_default();
        if !g.contains(&words) && g.len() <= GROUP {
            g.push(words);
        }
    }
    let mut full: HashMap<String, String> = HashMap::new();
    for g in groups.values().filter(|g| g.len() > 1 && g.len() <= GROUP) {
        for short in g {
            let longer: Vec<&Vec<String>> = g
                .iter()
                .filter(|o| o.len() > short.len() && o.starts_with(short))
                .collect();
            let Some(longest) = longer.iter().max_by_key(|o| o.len()) else {
                continue;
            };
            if longer.iter().all(|o| longest.starts_with(o)) {
                full.insert(short.join(" "), longest.join(" "));
            }
        }
    }
    if full.is_empty() {
        return;
    }
    // The written form of each long name, as a party spells it.
    let spelled: HashMap<String, String> = mentions
        .iter()
        .flat_map(|m| &m.parties)
        .map(|n| (lower_words(&n.canonical).join(" "), n.canonical.clone()))
        .collect();
    let long_of = |name: &str| -> Option<String> {
        full.get(&lower_words(name).join(" "))
            .and_then(|l| spelled.get(l).cloned())
    };
    for m in mentions.iter_mut() {
        for n in &mut m.parties {
            if public(n) {
                continue;
            }
            if let Some(l) = long_of(&n.canonical) {
                n.canonical = l;
            }
        }
        let mut seen: Vec<String> = Vec::new();
        m.parties.retain(|n| {
            let k = name_key(&n.canonical);
            let new = !seen.contains(&k);
            seen.push(k);
            new
        });
        for side in [&mut m.provider, &mut m.recipient] {
            if let Some(l) = side.as_deref().and_then(long_of) {
                *side = Some(l);
            }
        }
        if m.provider.is_some() && m.provider == m.recipient {
            m.recipient = None;
        }
    }
}

fn compatible(a: &Mention, b: &Mention) -> bool {
    use crate::model::DealType::{Agreement, Other};
    // "ký hợp đồng cung cấp thiết bị …, tổng giá trị hợp đồng là 120 tỷ đồng": in one sentence a
    // generic name for a deal refers to the specific one beside it.
    let same_sentence = a.start == b.start && a.end == b.end;
    let generic = |m: &Mention| matches!(m.ty, Agreement | Other);
    // "Hòa Phong chi 120 triệu đô thâu tóm …" in the headline and "… sẽ chi 120 triệu USD để mua
    // lại …" in the body: one article states the same value of two deals with shared (or unread)
    // parties only when it tells one deal twice, whatever it calls it.
    let same_value = matches!((&a.amount, &b.amount), (Some(x), Some(y))
        if x.value == y.value && x.currency == y.currency);
    // "Orvex entered into an offtake agreement with Kestrel Lithium to supply …" then "The offtake
    // agreement with Kestrel will run until 2030": a telling with a generic word for the deal that
    // names a party of a specific one is that deal.
    // (Keys are read only for two kinds that differ: `compatible` is asked of every pair in a
    // window.)
    if a.ty != b.ty && !same_value {
        let shared_party = || {
            let kb = party_keys(b);
            party_keys(a).iter().any(|k| kb.contains(k))
        };
        if !((generic(a) || generic(b)) && (same_sentence || shared_party())) {
            return false;
        }
    }
    if let (Some(x), Some(y)) = (a.quantity, b.quantity) {
        if x != y {
            return false;
        }
    }
    if let (Some(x), Some(y)) = (&a.amount, &b.amount) {
        if x.value != y.value || x.currency != y.currency {
            return false;
        }
    }
    for (x, y) in [(&a.provider, &b.provider), (&a.recipient, &b.recipient)] {
        if let (Some(x), Some(y)) = (x, y) {
            if name_key(x) != name_key(y) {
                return false;
            }
        }
    }
    let (pa, pb) = (party_keys(a), party_keys(b));
    if !pa.is_empty() && !pb.is_empty() && !pa.iter().any(|k| pb.contains(k)) {
        // Disjoint names can still be the same counterparties: an agency and its state
        // (a caption naming U.S. Customs, the body naming the United States).
        let related = |x: &Mention, y: &Mention| {
            x.parties.iter().any(|p| {
                p.country
                    .as_ref()
                    .is_some_and(|c| y.parties.iter().any(|q| &q.canonical == c))
            })
        };
        if !(related(a, b) || related(b, a)) {
            return false;
        }
    }
    if !same_value && other_counterparties(a, b) {
        return false;
    }
    // "X signed a contract for ten ferries" and, a paragraph later, "Y ordered ten vessels from
    // X": the same count of things with a party in common tells one deal twice.
    let same_count = matches!((a.quantity, b.quantity), (Some(x), Some(y)) if x == y);
    if a.block == b.block || same_value || (same_count && !pa.is_empty() && !pb.is_empty()) {
        return true;
    }
    // Different paragraphs: the items must agree (one's words contained in the other's).
    let (wa, wb) = (&a.item_words, &b.item_words);
    if wa.is_empty() || wb.is_empty() {
        // "Weekly loan digest" over a paragraph where a bank "lent $18 million": with no item
        // on one side, only a party both name ties two paragraphs' mentions.
        return !pa.is_empty() && !pb.is_empty();
    }
    wa.is_subset(wb) || wb.is_subset(wa)
}

/// How far along a status is: a deal reported as signed anywhere in the article is signed.
fn progress(s: crate::model::DealStatus) -> u8 {
    use crate::model::DealStatus::*;
    match s {
        Proposed => 0,
        Negotiating => 1,
        Announced => 2,
        Signed => 3,
    }
}

fn absorb(into: &mut Mention, m: Mention) {
    use crate::model::DealType::{Agreement, Other};
    let generic = |x: &Mention| matches!(x.ty, Agreement | Other);
    // A telling that names the deal by a generic word ("the agreement") never stands for one that
    // said what kind it is.
    let specific_stays = generic(&m) && !generic(into);
    if generic(into) {
        into.ty = m.ty;
    }
    for n in &m.notes {
        if !into.notes.contains(n) {
            into.notes.push(n.clone());
        }
    }
    let primary_is_new = m.info() > into.info() && !specific_stays;
    // Mentions that name the parties say where the deal stands; a status a sentence told beats
    // one guessed from figures ("Kestrel mua lại Orvex giá 120 triệu USD" in a headline, "thông
    // báo sẽ mua lại" in the body); otherwise the most advanced one counts.
    let (status, told) = if m.parties.is_empty() {
        (into.status, into.status_told)
    } else if m.status_told != into.status_told {
        if m.status_told {
            (m.status, true)
        } else {
            (into.status, true)
        }
    } else if progress(m.status) > progress(into.status) {
        (m.status, m.status_told)
    } else {
        (into.status, into.status_told)
    };
    for p in &m.parties {
        if !into
            .parties
            .iter()
            .any(|q| name_key(&q.canonical) == name_key(&p.canonical))
        {
            into.parties.push(p.clone());
        }
    }
    // A side the other telling gives a party this one put on the other side is a misreading of
    // one of them: one party is never both sides, and the telling merged into keeps its side
    // (the first, or the fuller).
    let other_side = |side: &Option<String>, x: &String| {
        side.as_ref().is_some_and(|s| name_key(s) == name_key(x))
    };
    if into.provider.is_none() {
        into.provider = m
            .provider
            .clone()
            .filter(|p| !other_side(&into.recipient, p));
    }
    if into.recipient.is_none() {
        into.recipient = m
            .recipient
            .clone()
            .filter(|r| !other_side(&into.provider, r));
    }
    into.quantity = into.quantity.or(m.quantity);
    match (&into.amount, &m.amount) {
        (None, _) => into.amount = m.amount.clone(),
        // A rounded figure (a headline's) and the exact one (the body's): the exact one stays.
        (Some(x), Some(y))
            if x.value != y.value
                && x.currency == y.currency
                && significant_digits(y.value) > significant_digits(x.value) =>
        {
            into.amount = m.amount.clone();
        }
        _ => {}
    }
    if primary_is_new {
        into.start = m.start;
        into.end = m.end;
        into.item = m.item.clone().or(into.item.take());
        into.list_item = m.list_item;
        into.block = m.block;
    } else if into.item.is_none() {
        into.item = m.item.clone();
    }
    into.item_words.extend(m.item_words);
    into.documented |= m.documented;
    into.joint |= m.joint;
    into.continues |= m.continues;
    into.reported_agreement |= m.reported_agreement;
    into.status = status;
    into.status_told = told;
}

/// How many deals before (and after) a mention are compared with it.
const WINDOW: usize = 256;

/// A mention with no figure: no amount and no count.
fn bare(m: &Mention) -> bool {
    m.amount.is_none() && m.quantity.is_none()
}

/// "Nordmar Werft winkt Großauftrag" above "Dänemark bestellt bei Nordmar drei Fähren für
/// 900 Millionen Euro": a mention with no figure that names a party of a deal with figures (or
/// of any deal of the body, where it is the headline) in the same article restates that deal
/// (a headline, a quote, a later remark), whatever word it uses for it, unless both are
/// specific kinds that differ (a loan is not a purchase).
fn restates(bare_m: &Mention, d: &Mention) -> bool {
    use crate::model::DealType::{Agreement, Other};
    let kinds = bare_m.ty == d.ty
        || matches!(bare_m.ty, Agreement | Other)
        || matches!(d.ty, Agreement | Other);
    let (pa, pb) = (party_keys(bare_m), party_keys(d));
    // "Tổng công ty Sao Mai mời thầu gói thầu số 7 …" then "Gói thầu có giá trị khoảng 2.400 tỷ
    // đồng.": the sentence right after names the value of the deal with no party of its own; the
    // two halves tell one deal.
    let completes =
        pb.is_empty() && bare_m.ty == d.ty && d.start > bare_m.start && d.block <= bare_m.block + 1;
    // "Orvex, Kestrel Sign Steel Pact" over "Orvex awarded Kestrel a ten-year supply
    // contract": a headline with no figure restates the body's deal that names all its parties,
    // figures or not.
    let headline = bare_m.headline && d.block > 0 && pa.iter().all(|k| pb.contains(k));
    kinds
        && (!bare(d) || headline)
        && !other_counterparties(bare_m, d)
        && (pa.iter().any(|k| pb.contains(k)) || completes)
}

/// Merges mentions of the same deal. A deal that names no counterparty is kept only when it states
/// a value and a deal document names it: "… gói thầu … trị giá 1.200 tỷ đồng" is a deal even where
/// the names are beyond the lexicon; "Investors bought shares worth $2 billion" (an act with no
/// actor) and a bare "the agreement" are not.
pub(crate) fn within_document(mut mentions: Vec<Mention>) -> Vec<Mention> {
    short_forms_to_full(&mut mentions);
    let mut out: Vec<Mention> = Vec::new();
    // Mentions naming parties first, so that bare mentions fold into them.
    let (named, bare_mentions): (Vec<_>, Vec<_>) =
        mentions.into_iter().partition(|m| !m.parties.is_empty());
    for m in named.into_iter().chain(bare_mentions) {
        // Only the most recent deals are compared: an article tells a deal within a few hundred
        // mentions, and a bound keeps a hostile document (a megabyte of trigger words) linear.
        let from = out.len().saturating_sub(WINDOW);
        match out[from..].iter_mut().find(|d| compatible(d, &m)) {
            Some(d) => absorb(d, m),
            None => out.push(m),
        }
    }
    // Restatements: a mention without figures folds into the deal with figures it names.
    let mut k = 0;
    while k < out.len() {
        if bare(&out[k]) {
            let (lo, hi) = (k.saturating_sub(WINDOW), (k + WINDOW).min(out.len()));
            if let Some(j) = (lo..hi).find(|&j| j != k && restates(&out[k], &out[j])) {
                let m = out.remove(k);
                let j = if j > k { j - 1 } else { j };
                let keep_type = out[j].ty;
                absorb(&mut out[j], m);
                out[j].ty = keep_type;
                continue;
            }
        }
        k += 1;
    }
    out.retain(|m| !m.parties.is_empty() || (m.amount.is_some() && m.documented));
    for m in &mut out {
        super::parties::tidy_parties(&mut m.parties);
    }
    out.sort_by_key(|m| (m.start, m.end));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DealStatus, DealType};

    fn mention(start: usize, party: &str, provider: bool) -> Mention {
        let name = Name {
            start,
            end: start + party.len(),
            canonical: party.to_string(),
            kind: None,
            country: None,
        };
        let side = Some(party.to_string());
        Mention {
            ty: DealType::Purchase,
            status: DealStatus::Announced,
            status_told: true,
            parties: vec![name],
            provider: if provider { side.clone() } else { None },
            recipient: if provider { None } else { side },
            item: None,
            quantity: None,
            amount: None,
            start,
            end: start + 40,
            block: 0,
            list_item: false,
            item_words: Default::default(),
            trigger: "deal".into(),
            documented: true,
            joint: false,
            continues: false,
            headline: false,
            reported_agreement: false,
            notes: Vec::new(),
        }
    }

    fn amount(value: &str, qualifier: crate::model::Qualifier) -> crate::model::Amount {
        crate::model::Amount {
            value: value.parse().unwrap(),
            value_max: None,
            currency: "EUR".into(),
            qualifier,
            start: 0,
            end: 0,
            text: String::new(),
            currency_inferred: false,
        }
    }

    /// A headline's round figure agrees with the exact one it rounds; figures a tenth apart, or
    /// not rounded alike, do not.
    #[test]
    fn rounded_figures_agree_with_the_exact_one() {
        use crate::model::Qualifier::{AtLeast, Exact};
        let alike = |x: &str, y: &str| rounded_alike(&amount(x, Exact), &amount(y, Exact));
        assert_eq!(significant_digits("90000000".parse().unwrap()), 1);
        assert_eq!(significant_digits("236400000".parse().unwrap()), 4);
        assert!(alike("90000000", "91400000"));
        assert!(alike("240000000", "236400000"));
        assert!(alike("236400000", "240000000"));
        assert!(!alike("90000000", "96000000"), "rounds to 100 million");
        assert!(
            !alike("2000000000", "2300000000"),
            "more than a tenth apart"
        );
        assert!(!alike("240000000", "246000000"), "rounds to 250 million");
        let minimum = amount("2000000000", AtLeast);
        assert!(rounded_alike(&minimum, &amount("2300000000", Exact)));
        assert!(!rounded_alike(&minimum, &amount("2600000000", Exact)));
    }

    /// "Telmar Services" then "Telmar": the short form becomes the full name, and a deal that had
    /// the two on both sides keeps one side; a country stays itself beside a company named after
    /// it, and a short form that opens two names stays as it is.
    #[test]
    fn short_forms_become_the_one_name_they_open() {
        let mut both = mention(0, "Telmar Services", true);
        both.recipient = Some("Telmar".into());
        both.parties.push(Name {
            canonical: "Telmar".into(),
            ..both.parties[0].clone()
        });
        let mut ms = vec![both, mention(100, "Telmar", false)];
        short_forms_to_full(&mut ms);
        assert_eq!(ms[0].parties.len(), 1);
        assert_eq!(ms[0].provider.as_deref(), Some("Telmar Services"));
        assert_eq!(ms[0].recipient, None);
        assert_eq!(ms[1].recipient.as_deref(), Some("Telmar Services"));

        let mut country = mention(0, "Norland", false);
        country.parties[0].kind = Some(crate::entity::Kind::Country);
        let mut ms = vec![country, mention(100, "Norland Airways", true)];
        short_forms_to_full(&mut ms);
        assert_eq!(ms[0].parties[0].canonical, "Norland");

        let mut ms = vec![
            mention(0, "Orvex", false),
            mention(100, "Orvex Rail", true),
            mention(200, "Orvex Bank", true),
        ];
        short_forms_to_full(&mut ms);
        assert_eq!(ms[0].parties[0].canonical, "Orvex");
    }

    /// "Orvex Gas reached a deal on buying gas …" read Orvex Gas as the buyer, "… Orvex Gas will
    /// stop supplying gas" as the seller: merged, the one party takes one side only.
    #[test]
    fn a_party_two_tellings_put_on_opposite_sides_keeps_one_side() {
        let merged = within_document(vec![
            mention(0, "Orvex Gas", false),
            mention(50, "Orvex Gas", true),
        ]);
        assert_eq!(merged.len(), 1);
        let m = &merged[0];
        assert_eq!(m.recipient.as_deref(), Some("Orvex Gas"));
        assert_eq!(m.provider, None);
    }
}
