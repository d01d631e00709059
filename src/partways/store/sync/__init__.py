"""Live sync on the store's side: connections, their credentials, and applying a sync."""
