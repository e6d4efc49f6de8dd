package newsroom

// mediaTargets are the matrix test's cases for mediaRoutes.
var mediaTargets = map[string]target{}
