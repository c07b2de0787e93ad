//! Anaphora: takes a sentence's lexicon hits and known entities and hands on the entities with
//! each description that refers back to a party named earlier in the article ("the airline",
//! "der Konzern", "hãng này") read as that party (to `names` and `parties`, through `Ctx::ents`).

use crate::entity::{Entity, EntityHit, Kind, key};

use super::lexicon::{Hit, Role};
use super::span;

/// How many of the article's latest named entities a description may refer to.
const MEMORY: usize = 32;

/// How many distinct entities of one article are remembered for [`Antecedents::sole_of`]: enough
/// for any news article, bounded for a text without end.
const NAMED: usize = 256;

/// The entities an article has named so far, latest last.
#[derive(Default)]
pub(super) struct Antecedents<'l> {
    recent: Vec<&'l Entity>,
    /// Every distinct entity named, in order, up to [`NAMED`].
    named: Vec<&'l Entity>,
    /// Abbreviations the article defined for an entity ("the African Development Bank (ADB)"),
    /// up to [`NAMED`].
    defined: Vec<(String, &'l Entity)>,
    /// The entities the lexicon gave a defined abbreviation, each with the entity the article
    /// defined it as (to correct what was read before the definition).
    redefined: Vec<(&'l Entity, &'l Entity)>,
    /// In how many sentences each entity of `named` was named, up to [`NAMED`] entities.
    times: Vec<(&'l Entity, usize)>,
    /// How many sentences were remembered, and the entities named in the first [`LEAD`] of them
    /// (the headline and the lead, where a news article names what it is about), with where the
    /// last of those sentences ends.
    told: usize,
    in_lead: Vec<&'l Entity>,
    lead_end: usize,
    /// The latest client that awarded several contracts at once, with the block of its sentence
    /// and where that sentence ends (see [`Antecedents::awarded_several`]).
    awarder: Option<(&'l Entity, usize, usize)>,
}

/// How many opening sentences of an article are its headline and lead.
const LEAD: usize = 3;

impl<'l> Antecedents<'l> {
    /// "The Harbour Bank approved three loans … For Norland, a loan of $40 million …": the one
    /// entity of the article whose kind is one of `kinds`, if it named exactly one.
    pub(super) fn sole_of(&self, kinds: &[Kind]) -> Option<&'l Entity> {
        self.sole_of_but(kinds, None)
    }

    /// `sole_of`, not counting the entity named `but` ("The EIB guarantees … to Kestrel Bank":
    /// with the bank that receives set aside, the one lender left).
    pub(super) fn sole_of_but(&self, kinds: &[Kind], but: Option<&str>) -> Option<&'l Entity> {
        let mut of_kind = self
            .named
            .iter()
            .filter(|e| kinds.contains(&e.kind) && but.is_none_or(|b| key(&e.canonical) != key(b)));
        let one = of_kind.next()?;
        of_kind.next().is_none().then_some(*one)
    }

    /// "Kestrel Air ordered 20 jets. The airline also took options on ten more.": a description
    /// of a kind it may refer to (`Role::Anaphor`) is read as the latest entity of that kind named
    /// before it, in this sentence or an earlier one. Not when a name follows it at once ("the
    /// airline Kestrel Air", "der Konzern Nordmar"): then it only describes that name.
    ///
    /// Where the language capitalises names only (`names_only_capitalised`), a capitalised
    /// description after another capitalised word ends that name ("the Kestrel Fund").
    pub(super) fn resolve(
        &self,
        st: &str,
        hits: &[Hit],
        ents: &mut Vec<EntityHit<'l>>,
        names_only_capitalised: bool,
    ) {
        let mut found = Vec::new();
        for h in hits {
            let Some(kinds) = h.roles.iter().find_map(|r| match r {
                Role::Anaphor(k) => Some(k),
                _ => None,
            }) else {
                continue;
            };
            if ents.iter().any(|e| e.start < h.end && h.start < e.end)
                || names_follow(st, h.end)
                || owner_follows(st, hits, h, ents)
                || (names_only_capitalised && ends_a_name(st, hits, h, ents))
                || !refers_back(st, hits, h)
            {
                continue;
            }
            // Latest first: this sentence's names before the description, then earlier ones.
            let earlier_here = ents
                .iter()
                .rev()
                .filter(|e| e.end <= h.start)
                .map(|e| e.entity);
            let earlier = self.recent.iter().rev().copied();
            if let Some(entity) = earlier_here
                .chain(earlier)
                .find(|e| kinds.contains(&e.kind))
            {
                found.push(EntityHit {
                    start: h.start,
                    end: h.end,
                    entity,
                });
            }
        }
        if !found.is_empty() {
            // "the US planemaker": the country only qualifies the description, whose span takes
            // it in (a name read there is the entity referred to, not the country).
            let qualifies = |e: &EntityHit, f: &EntityHit| {
                e.entity.kind == Kind::Country
                    && e.end <= f.start
                    && span::cut(st, e.end, f.start).trim().is_empty()
            };
            for f in &mut found {
                if let Some(c) = ents.iter().find(|e| qualifies(e, f)) {
                    f.start = c.start;
                }
            }
            ents.retain(|e| !found.iter().any(|f| f.start <= e.start && e.end <= f.end));
            ents.extend(found);
            ents.sort_by_key(|e| e.start);
        }
    }

    /// "The Sahel Development Bank (SDB) approved … The SDB said …": an abbreviation in
    /// parentheses right after a known entity's name means that entity for the rest of the
    /// article, even where the lexicon gives the abbreviation to another entity (one article's
    /// "ADB" is another's), and meant it in a headline before too. Reads the definitions of this sentence, then reads every use of a
    /// defined abbreviation as its entity.
    pub(super) fn abbreviations(&mut self, st: &str, ents: &mut [EntityHit<'l>]) {
        for pair in ents.windows(2) {
            let (name, abbr) = (&pair[0], &pair[1]);
            let short = span::cut(st, abbr.start, abbr.end);
            let defines = span::cut(st, name.end, abbr.start).trim() == "("
                && span::after(st, abbr.end).starts_with(')')
                && short
                    .chars()
                    .all(|c| c.is_uppercase() || c.is_ascii_digit())
                && !std::ptr::eq(name.entity, abbr.entity);
            if defines && self.defined.len() < NAMED {
                self.defined.retain(|(s, _)| s != short);
                self.defined.push((short.to_string(), name.entity));
                // A headline may use the abbreviation before the body defines it: what it named
                // there was this entity too.
                for seen in [&mut self.recent, &mut self.named] {
                    seen.retain(|e| !std::ptr::eq(*e, abbr.entity));
                }
                self.redefined.push((abbr.entity, name.entity));
                if let Some(i) = self
                    .times
                    .iter()
                    .position(|(e, _)| std::ptr::eq(*e, abbr.entity))
                {
                    let (_, n) = self.times.remove(i);
                    self.count(name.entity, n);
                }
            }
        }
        if self.defined.is_empty() {
            return;
        }
        for e in ents.iter_mut() {
            let text = span::cut(st, e.start, e.end);
            if let Some((_, entity)) = self.defined.iter().find(|(s, _)| s == text) {
                e.entity = entity;
            }
        }
    }

    /// Each entity the lexicon gave an abbreviation the article then defined as another, with that
    /// other: a party read as the first before the definition was the second.
    pub(super) fn redefined(&self) -> &[(&'l Entity, &'l Entity)] {
        &self.redefined
    }

    /// Remembers the entities a sentence named, latest last; countries are no antecedents (no
    /// description here refers to a state), but they count among the entities named.
    /// `end`: where the sentence ends in the document.
    /// "The Chilean Navy awarded three contracts on Monday. Orvex Marine won a $40 million
    /// contract …": a sentence whose subject (a known entity, no mark between it and the verb)
    /// awards deals in the plural tells the client of the contracts the next sentences give to
    /// their contractors. Remembered until the next such sentence.
    pub(super) fn awarded_several(
        &mut self,
        st: &str,
        hits: &[Hit],
        ents: &[EntityHit<'l>],
        (block, end): (usize, usize),
    ) {
        let Some(award) = hits.iter().find(|h| {
            h.has(|r| *r == Role::Award)
                && hits
                    .iter()
                    .any(|t| t.start >= h.end && t.trigger().is_some_and(|(_, _, plural)| plural))
        }) else {
            return;
        };
        let client = ents.iter().rfind(|e| {
            e.end <= award.start && !span::cut(st, e.end, award.start).contains([',', ';', ':'])
        });
        if let Some(c) = client {
            self.awarder = Some((c.entity, block, end));
        }
    }

    /// The client remembered by [`Antecedents::awarded_several`] for a deal of block `block`
    /// that starts at `start`: where the deal comes after that sentence, in its paragraph or
    /// the next two.
    pub(super) fn client_of_several(&self, block: usize, start: usize) -> Option<&'l Entity> {
        self.awarder
            .filter(|&(_, b, end)| start >= end && block >= b && block <= b + 2)
            .map(|(e, _, _)| e)
    }

    /// Countries a sentence named only to qualify a body or a company ("Ghana's Ministry of
    /// Defence"): descriptions of a state may refer to them; they are counted nowhere else.
    pub(super) fn remember_states(&mut self, qualifiers: &[EntityHit<'l>]) {
        for e in qualifiers {
            self.recent.retain(|r| !std::ptr::eq(*r, e.entity));
            self.recent.push(e.entity);
        }
        if self.recent.len() > MEMORY {
            self.recent.drain(..self.recent.len() - MEMORY);
        }
    }

    pub(super) fn remember(&mut self, ents: &[EntityHit<'l>], end: usize) {
        if self.told < LEAD {
            self.lead_end = end;
            for e in ents {
                if !self.in_lead.iter().any(|l| std::ptr::eq(*l, e.entity)) {
                    self.in_lead.push(e.entity);
                }
            }
        }
        self.told += 1;
        for (i, e) in ents.iter().enumerate() {
            if !ents[..i].iter().any(|d| std::ptr::eq(d.entity, e.entity)) {
                self.count(e.entity, 1);
            }
            // Countries too: "the government", "the country" refer to the state named last
            // (a description refers only to the kinds its lexicon entry gives).
            self.recent.retain(|r| !std::ptr::eq(*r, e.entity));
            self.recent.push(e.entity);
            if self.named.len() < NAMED && !self.named.iter().any(|n| std::ptr::eq(*n, e.entity)) {
                self.named.push(e.entity);
            }
        }
        if self.recent.len() > MEMORY {
            self.recent.drain(..self.recent.len() - MEMORY);
        }
    }
}

impl<'l> Antecedents<'l> {
    fn count(&mut self, e: &'l Entity, n: usize) {
        if let Some((_, t)) = self.times.iter_mut().find(|(t, _)| std::ptr::eq(*t, e)) {
            *t += n;
        } else if self.times.len() < NAMED {
            self.times.push((e, n));
        }
    }

    /// Whether the article's headline or lead names the entity `canonical` (known to the
    /// lexicon), or, for a name it does not know, writes it in `text` before the lead ends.
    pub(super) fn in_lead(&self, canonical: &str, known: bool, text: &str) -> bool {
        if known {
            let k = key(canonical);
            self.in_lead.iter().any(|e| key(&e.canonical) == k)
        } else {
            text.get(..self.lead_end.min(text.len()))
                .is_some_and(|lead| lead.contains(canonical))
        }
    }

    /// Each entity the article named so far, with the number of its sentences that name it.
    pub(super) fn times_named(&self) -> &[(&'l Entity, usize)] {
        &self.times
    }
}

/// "the airline", "the US planemaker", "der Münchner Konzern", "hãng này": a description refers
/// back only when a referring word of the language (`back_reference_before`, within two words
/// before it, or `back_reference_after`, right after it) says so; "an airline" does not.
fn refers_back(st: &str, hits: &[Hit], h: &Hit) -> bool {
    hits.iter().any(|b| {
        (b.has(|r| *r == Role::BackBefore)
            && b.end <= h.start
            && span::cut(st, b.end, h.start).split_whitespace().count() <= 2
            && !span::cut(st, b.end, h.start).contains([',', ';', '.']))
            || (b.has(|r| *r == Role::BackAfter)
                && b.start >= h.end
                && span::cut(st, h.end, b.start).trim().is_empty())
    })
}

/// "the Kestrel Fund made …": a description written with a capital right after a capitalised
/// word that is no known name (not "the US Fund", a country qualifying it) is that name's last
/// word, no description. Not after a determiner ("The Fund said …" opening a sentence).
fn ends_a_name(st: &str, hits: &[Hit], h: &Hit, ents: &[EntityHit]) -> bool {
    let before = span::cut(st, 0, h.start);
    let trimmed = before.trim_end();
    let prev = trimmed.rsplit(char::is_whitespace).next().unwrap_or("");
    span::cut(st, h.start, h.end).starts_with(char::is_uppercase)
        && trimmed.len() < before.len()
        && prev.starts_with(char::is_uppercase)
        && !ents.iter().any(|e| e.end == trimmed.len())
        && !hits.iter().any(|b| {
            b.end == trimmed.len() && b.has(|r| matches!(r, Role::Determiner | Role::BackBefore))
        })
}

/// "the board of Orvex", "der Aufsichtsrat der Eurowings": a word that makes the entity named
/// after it the description's owner (`owner_before_name`) follows the description.
fn owner_follows(st: &str, hits: &[Hit], h: &Hit, ents: &[EntityHit]) -> bool {
    hits.iter().any(|o| {
        o.has(|r| *r == Role::OwnerBefore)
            && o.start > h.end
            && span::cut(st, h.end, o.start).trim().is_empty()
            && ents
                .iter()
                .any(|e| e.start > o.end && span::cut(st, o.end, e.start).trim().is_empty())
    })
}

/// A capitalised word right after `pos` (past a space) that is not a verb-like lower-case word:
/// the description names it ("the carrier Kestrel Air").
fn names_follow(st: &str, pos: usize) -> bool {
    let rest = span::after(st, pos);
    let Some(next) = rest.strip_prefix(' ') else {
        return false;
    };
    next.chars().next().is_some_and(char::is_uppercase)
}
