package newsroom

// The media library: upload, renditions, focal points, captions.

// mediaMenu are this area's entries in the newsroom's navigation.
var mediaMenu []menuEntry

// mediaRoutes are this area's routes.
func (n *Newsroom) mediaRoutes() []route {
	return nil
}
