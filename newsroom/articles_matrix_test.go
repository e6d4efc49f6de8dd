package newsroom

// articleTargets are the matrix test's cases for articleRoutes.
var articleTargets = map[string]target{}
