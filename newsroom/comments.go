package newsroom

// Reader comments: the moderation queue.

// commentMenu are this area's entries in the newsroom's navigation.
var commentMenu []menuEntry

// commentRoutes are this area's routes.
func (n *Newsroom) commentRoutes() []route {
	return nil
}
