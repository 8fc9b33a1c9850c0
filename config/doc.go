// Package config loads blackline's settings into one typed, validated Config.
//
// Settings come from a single viper instance owned by the command layer, with the
// precedence flags > environment (BLACKLINE_…) > config file > defaults. The config file is
// the one named by --config, else blackline.yaml at the archive root, else
// blackline/config.yaml in the user's config directory. Unknown keys (typos) and invalid
// values (a bad regular expression, a negative size) are errors that name the key.
package config
