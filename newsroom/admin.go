package newsroom

// Running the paper: the home page arrangement, sections, settings, editing staff.

// adminMenu are this area's entries in the newsroom's navigation.
var adminMenu []menuEntry

// adminRoutes are this area's routes.
func (n *Newsroom) adminRoutes() []route {
	return nil
}
