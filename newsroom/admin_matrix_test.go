package newsroom

// adminTargets are the matrix test's cases for adminRoutes.
var adminTargets = map[string]target{}
