"""Mail: sending through the user's own mailbox and watching the inbox."""
