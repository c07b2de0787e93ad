//! The deal's status: takes an anchor, its clause's cues and figures (from `frame`) and the
//! status of a list's introduction, and hands on signed / announced / negotiating / proposed (to
//! `mention`).

use crate::model::{Amount, DealStatus, DealType, Quantity};

use super::anchor::Anchor;
use super::lexicon::{Class, Hit, Role};

/// The status of the anchor's deal: a trigger that is itself a verb of status ("ordered",
/// "bestellte") says it first; then a cue in its clause, then the list's introduction, else its
/// figures.
pub(super) fn status_at(
    (st, hits): (&str, &[Hit]),
    a: &Anchor,
    pre_start: usize,
    scope_end: usize,
    intro_status: Option<DealStatus>,
    amount: Option<&Amount>,
    quantity: Option<&Quantity>,
) -> Status {
    let own_status = hits
        .iter()
        .find(|h| h.start >= a.start && h.end == a.end)
        .and_then(|h| h.status())
        .filter(|_| !passive_to_come(st, hits, a))
        .map(|s| offer_accepted(hits, a, pre_start).unwrap_or(s));
    // Before the verb of signing, or before the trigger when none is in the clause.
    let limit = hits
        .iter()
        .filter(|h| h.start >= pre_start && h.start < scope_end)
        .find(|h| h.status() == Some(DealStatus::Signed))
        .map_or(a.start, |h| h.start);
    let told_in_future = future_before(hits, pre_start, limit) || in_progress(st, hits, a);
    let told = own_status
        .or_else(|| {
            // A plan stays a plan whatever its clause's verbs say, unless it is being negotiated
            // ("in talks over a potential order").
            let cue = status_for(hits, a, pre_start, scope_end);
            match planned_deal(hits, a) {
                Some(p) if cue != Some(DealStatus::Negotiating) => Some(p),
                _ => cue,
            }
        })
        .or(intro_status)
        .or_else(|| present_or_perfect(hits, pre_start, scope_end));
    // "The supply agreement will run until 2030": a deal told as an existing document, whatever
    // its verbs say about what it will do, was made, unless the article told its status before
    // (not told here: `status_from_article` gives the status the article told last).
    let told = match told {
        None | Some(DealStatus::Announced) if document_is_subject(st, hits, pre_start, a) => {
            return Status {
                status: DealStatus::Signed,
                told: false,
            };
        }
        other => other,
    };
    let status = told.unwrap_or_else(|| default_status(amount, quantity));
    if status == DealStatus::Signed && told_in_future {
        Status::told(DealStatus::Announced)
    } else if told.is_some() {
        Status::told(status)
    } else {
        Status {
            status,
            told: false,
        }
    }
}

/// "Vier Schiffe sollen bei Lindmark bestellt werden": a participle that is the deal word,
/// followed at once by a marker of the future (the passive infinitive "bestellt werden"), tells
/// an act to come, not one done; its own status does not count, the clause's cues do.
fn passive_to_come(st: &str, hits: &[Hit], a: &Anchor) -> bool {
    let next = super::span::ctx_skip(st, a.end);
    hits.iter()
        .any(|h| h.start == next && h.has(|r| *r == Role::Future))
}

/// "Orvex agreed to Kestrel's increased offer", "nahm das Angebot an": a verb of accepting (the
/// language's `accept`) in the clause before an offer word (whose own status is an announcement
/// or a proposal) makes the deal made.
fn offer_accepted(hits: &[Hit], a: &Anchor, pre_start: usize) -> Option<DealStatus> {
    let offer = hits.iter().any(|h| {
        h.start >= a.start
            && h.end == a.end
            && matches!(
                h.status(),
                Some(DealStatus::Proposed | DealStatus::Announced)
            )
    });
    let accepted = hits
        .iter()
        .any(|h| h.start >= pre_start && h.end <= a.start && h.has(|r| *r == Role::Accept));
    (offer && accepted).then_some(DealStatus::Signed)
}

/// "The offtake agreement with Orvex will start in 2027", "Der Liefervertrag läuft bis 2030",
/// "Khoản vay này sẽ tài trợ …": a clause whose subject is a deal document the article refers
/// back to (a word of `back_reference_before` opening the clause, at most two lower-case words,
/// then the document; or the document, then a word of `back_reference_after`) tells what a
/// deal already made does or will do. Not where a verb of status stands in the clause (a
/// document "to be signed" is not made yet): the caller asks only where none or an announcing
/// one was read.
fn document_is_subject(st: &str, hits: &[Hit], pre_start: usize, a: &Anchor) -> bool {
    let in_clause = |h: &&Hit| h.start >= pre_start && h.end <= a.end;
    if hits
        .iter()
        .filter(in_clause)
        .any(|h| h.status().is_some_and(|s| s != DealStatus::Announced))
    {
        return false;
    }
    let Some(doc) = hits.iter().filter(in_clause).find(|h| {
        h.roles.iter().any(|r| {
            matches!(
                r,
                Role::Trigger {
                    class: Class::Document,
                    ..
                }
            )
        })
    }) else {
        return false;
    };
    let opening = super::span::cut(st, pre_start, doc.start);
    let Some(back) = hits.iter().find(|h| {
        h.has(|r| *r == Role::BackBefore)
            && h.start >= pre_start
            && h.end <= doc.start
            && super::span::cut(st, pre_start, h.start).trim().is_empty()
    }) else {
        // "Khoản vay này …": the document first, the word that refers back right after it.
        return opening.split_whitespace().count() <= 1
            && hits.iter().any(|h| {
                h.has(|r| *r == Role::BackAfter)
                    && h.start >= doc.end
                    && super::span::cut(st, doc.end, h.start).trim().is_empty()
            });
    };
    let between = super::span::cut(st, back.end, doc.start);
    let words: Vec<&str> = between.split_whitespace().collect();
    words.len() <= 2 && words.iter().all(|w| w.starts_with(char::is_lowercase))
}

/// "the State Department approved a possible sale of 12 helicopters", "der mögliche Verkauf": an
/// adjective of the language's `plan_adjectives` right before the deal word (one space between)
/// makes the deal a plan.
fn planned_deal(hits: &[Hit], a: &Anchor) -> Option<DealStatus> {
    hits.iter()
        .any(|h| h.end <= a.start && a.start - h.end <= 1 && h.has(|r| *r == Role::PlanAdjective))
        .then_some(DealStatus::Proposed)
}

/// A mention's status, and whether a word of its sentence told it (a verb or cue of status, a
/// marker of the future, the list's introduction) or it was only guessed from its figures.
#[derive(Debug, Clone, Copy)]
pub(super) struct Status {
    pub status: DealStatus,
    pub told: bool,
}

impl Status {
    fn told(status: DealStatus) -> Status {
        Status { status, told: true }
    }
}

/// "Kestrel made a $1.7 billion bid for Orvex", "Kestrel's bid of €3.1 billion for Orvex": a bid
/// told as a noun (`bid_noun`: the anchor is one of the language's `bid_nouns`, with a determiner
/// or a possessive before it and only lower-case words or figures between) is announced, whatever
/// verb made it, until a verb of accepting or winning (`accept`) before it says it succeeded. A
/// plan or talks stay what they are. "Norland Telecom bid $2 billion for the airwaves" is the
/// verb: a name stands right before it.
pub(super) fn bid_is_announced(
    st: &str,
    hits: &[Hit],
    a: &Anchor,
    pre_start: usize,
    bid_noun: bool,
    status: Status,
) -> Status {
    if !bid_noun || status.status != DealStatus::Signed {
        return status;
    }
    let before = |h: &&Hit| h.start >= pre_start && h.end <= a.start;
    if hits
        .iter()
        .filter(before)
        .any(|h| h.has(|r| *r == Role::Accept))
    {
        return status;
    }
    let plain = |w: &&str| !w.starts_with(char::is_uppercase);
    let determined = hits
        .iter()
        .filter(before)
        .filter(|h| h.has(|r| *r == Role::Determiner))
        .any(|h| {
            super::span::cut(st, h.end, a.start)
                .split_whitespace()
                .all(|w| plain(&w))
        });
    let lead: Vec<&str> = super::span::cut(st, pre_start, a.start)
        .split_whitespace()
        .collect();
    let possessed = lead
        .iter()
        .rposition(|w| super::names::strip_possessive(w).is_some())
        .is_some_and(|i| lead[i + 1..].iter().all(plain));
    if determined || possessed {
        Status::told(DealStatus::Announced)
    } else {
        status
    }
}

/// "Nordchem investiert 400 Millionen Euro in ein Werk" announces a plan; "Nordchem hat
/// 400 Millionen Euro in das Werk investiert" tells it done: a verb of the language's
/// `present_announces` in the clause announces, unless an auxiliary of the perfect stands before it.
fn present_or_perfect(hits: &[Hit], pre_start: usize, scope_end: usize) -> Option<DealStatus> {
    let in_clause = |h: &&Hit| h.start >= pre_start && h.start < scope_end;
    let verb = hits
        .iter()
        .filter(in_clause)
        .find(|h| h.has(|r| *r == Role::PresentAnnounces))?;
    let perfect = hits
        .iter()
        .filter(in_clause)
        .any(|h| h.has(|r| *r == Role::Auxiliary) && h.end <= verb.start);
    Some(if perfect {
        DealStatus::Signed
    } else {
        DealStatus::Announced
    })
}

/// A marker of the future in the clause before the trigger: "Ngân hàng Hòa Bình sẽ phát hành
/// trái phiếu … 2.000 tỷ đồng", "the province will receive US$4 million", "Ein Kredit wird der
/// Nordbank gewährt", "sẽ ký hiệp định": a deal to come is announced, even
/// with its figures or a verb of signing.
fn future_before(hits: &[Hit], pre_start: usize, limit: usize) -> bool {
    hits.iter()
        .any(|h| h.start >= pre_start && h.end <= limit && h.has(|r| *r == Role::Future))
}

/// "Orvex is buying 20 trucks", "Telmar is raising $40 million": the progressive's "be" right
/// before the deal word tells an act under way, not done: announced, as a deal to come.
fn in_progress(st: &str, hits: &[Hit], a: &Anchor) -> bool {
    hits.iter().any(|h| {
        h.end <= a.start
            && h.has(|r| *r == Role::Progressive)
            && st[h.end..a.start].trim().is_empty()
    })
}

/// The status cue nearest before the trigger (in its clause), else the first after it.
fn status_for(hits: &[Hit], a: &Anchor, pre_start: usize, scope_end: usize) -> Option<DealStatus> {
    let cues: Vec<&Hit> = hits
        .iter()
        .filter(|h| h.end <= a.start && h.start >= pre_start && h.status().is_some())
        .collect();
    let before = cues.last().map(|h| {
        let s = h.status().unwrap();
        // "dự kiến ký", "sẽ ký", "will sign", "plant zu unterzeichnen": a plan or a talk about
        // signing is not a signature.
        if s == DealStatus::Signed && cues.len() >= 2 {
            let prev = cues[cues.len() - 2];
            let p = prev.status().unwrap();
            // Next to each other, or with a function word between ("plans to sign").
            let near = h.start.saturating_sub(prev.end) <= 12
                && hits
                    .iter()
                    .filter(|x| x.start >= prev.end && x.end <= h.start)
                    .all(|x| !x.has(|r| matches!(r, Role::Trigger { .. } | Role::Status(_))));
            if near && matches!(p, DealStatus::Proposed | DealStatus::Negotiating) {
                return p;
            }
        }
        s
    });
    let after = || {
        hits.iter()
            .filter(|h| h.start >= a.end && h.start < scope_end)
            .find(|h| h.status().is_some())
    };
    if before == Some(DealStatus::Announced) {
        if let Some(signed) = reported_as_signed(hits, a, after()) {
            return Some(signed);
        }
    }
    before.or_else(|| after().and_then(|h| h.status()))
}

/// "Kestrel said a contract for 20 trucks was signed with Peru", "teilte mit, der Vertrag sei
/// unterzeichnet": a verb that announces or reports before the deal word, and a verb of signing
/// after it in the same clause (no marker of the future between, no marker of the infinitive
/// right before it: "kündigte an, eine Finanzierung zu erhalten" is a plan): what is reported is
/// a signature, so the deal is signed.
fn reported_as_signed(hits: &[Hit], a: &Anchor, after: Option<&Hit>) -> Option<DealStatus> {
    let cue = after?;
    let future_between = hits
        .iter()
        .any(|h| h.start >= a.end && h.end <= cue.start && h.has(|r| *r == Role::Future));
    let infinitive = hits
        .iter()
        .any(|h| h.end <= cue.start && cue.start - h.end <= 1 && h.has(|r| *r == Role::Infinitive));
    (cue.status() == Some(DealStatus::Signed) && !future_between && !infinitive)
        .then_some(DealStatus::Signed)
}

/// With no cue of status in its clause: "Kestrel Land transferred its 45% interest for $57
/// million", "the yard bagged a $700 million order": news reports a deal with its figures once it is made, so
/// a deal that states a value or a count is signed; one without figures is only announced.
fn default_status(amount: Option<&Amount>, quantity: Option<&Quantity>) -> DealStatus {
    if amount.is_some() || quantity.is_some_and(|q| q.discrete) {
        DealStatus::Signed
    } else {
        DealStatus::Announced
    }
}

/// "Kestrel will give $45 million in aid", "Nordmar hat 80 Millionen Euro zugesagt", "Hàn Quốc
/// dự kiến viện trợ 5 triệu USD": aid is news when a donor commits it, whatever the tense, and
/// it is paid out later; an act of aid is announced (a pledge), neither planned nor signed. An
/// aid agreement (a document) keeps the status its verbs give it.
pub(super) fn aid_is_pledged(ty: DealType, class: Class, status: DealStatus) -> DealStatus {
    match (ty, class, status) {
        (DealType::Aid, Class::Action, DealStatus::Signed | DealStatus::Proposed) => {
            DealStatus::Announced
        }
        (DealType::Aid, Class::Document, DealStatus::Proposed) => DealStatus::Announced,
        _ => status,
    }
}
