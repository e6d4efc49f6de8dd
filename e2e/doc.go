// Package e2e drives the real binary's pages in headless Chromium (Debian's
// chromium package). The tests skip when no browser is installed, unless
// TOASOAN_E2E=1 (set by .ci/run) demands one.
package e2e
