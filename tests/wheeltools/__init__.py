"""The ec-buildext command and what it does to wheels: inspect, audit, retag, repair, install."""
