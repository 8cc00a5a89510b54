"""ec_buildext.plugins and ec_plugin_path.h: what host programs ship to load plugins."""
