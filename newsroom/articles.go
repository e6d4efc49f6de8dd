package newsroom

// Articles: writing, editing, the workflow, revisions, locks and scheduling.

// articleMenu are this area's entries in the newsroom's navigation.
var articleMenu []menuEntry

// articleRoutes are this area's routes.
func (n *Newsroom) articleRoutes() []route {
	return nil
}
