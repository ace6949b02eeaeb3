"""Central server: accounts, exactly-once sync, blobs, planning."""
