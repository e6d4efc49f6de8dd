package newsroom

// commentTargets are the matrix test's cases for commentRoutes.
var commentTargets = map[string]target{}
