package store

// WorkflowStore keeps the editorial workflow: transitions, revisions, published versions, edit leases and schedules.
type WorkflowStore interface {
}
