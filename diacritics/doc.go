// Package diacritics tells whether text is Vietnamese typed without
// diacritics, and restores them with a model learned from the newspaper's
// own articles.
//
// Check needs no model: it judges a reader's comment by the structure of
// Vietnamese syllables (initial consonant, rime, tone rules), which tells
// toneless Vietnamese from English far better than a language detector
// does (those call short toneless Vietnamese English or Malay). check.js
// is the same function for the browser, embedded here as CheckJS, so the
// page warns while the reader types and the server agrees.
//
// A Model suggests the text with its diacritics restored, for the reader to
// accept or edit; it never edits by itself. It is a trigram model of
// syllables written with their marks, trained on published articles
// (TrainFromStore, or Train over ArticleText), saved with WriteFile, loaded
// at start with ReadFile, and rebuilt on a schedule as articles are
// published. Restore decodes with the Viterbi algorithm and only ever adds
// marks to toneless syllables.
//
// Everything is safe for concurrent use. Only TrainFromStore (the store),
// WriteFile and ReadFile (files) reach outside the process.
package diacritics

import _ "embed"

// CheckJS is check.js: plain ES5 that defines the global
// ToasoanDiacritics.check(text), the browser twin of Check.
//
//go:embed check.js
var CheckJS string
