//! `en` deal rules and lexicon: triggers, status cues, party patterns.
