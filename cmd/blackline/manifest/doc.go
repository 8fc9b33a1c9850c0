// Package manifest reads what blackline import takes: a folder laid out ID/LABEL.txt, each
// text with optional metadata in ID/LABEL.yaml beside it, or a CSV manifest with the
// columns id,label,kind,date,source,case,file[,transcribes], its files relative to the
// manifest's folder.
//
// It only reads the layout and the metadata: each Entry names its text's file, which the
// importer reads and checks itself. An entry that cannot be read (a malformed YAML file or
// CSV row, a text outside any document folder) is a Problem, so that an importer can list
// every bad entry at once; a path that is neither a folder nor a CSV file, or a CSV file
// without the expected header, is an error.
package manifest
