// Package auth owns staff identity: roles, the permission matrix (who may do
// what, in which sections), password hashing and the password policy, session
// tokens and their lifetimes, CSRF tokens, and the login throttling rule.
//
// It does no I/O: the store keeps users, session hashes and failure counts;
// the newsroom asks this package what they mean.
package auth
