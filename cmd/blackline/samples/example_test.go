package samples_test

import (
	"fmt"
	"log"

	"github.com/blackline/blackline/cmd/blackline/samples"
)

func ExampleVersions() {
	versions, err := samples.Versions()
	if err != nil {
		log.Fatal(err)
	}
	for _, v := range versions {
		fmt.Printf("%s@%s %s %s", v.Document, v.Label, v.Kind, v.Date)
		if v.Transcribes != "" {
			fmt.Printf(" of %s", v.Transcribes)
		}
		fmt.Println()
	}
	// Output:
	// dod/secdef-grachev-1994-01-05@foia-1998 release 1998-03-12
	// dod/secdef-grachev-1994-01-05@mdr-2016 release 2016-06-21
	// dod/secdef-grachev-1994-01-05@ocr-2016 transcription 2016-07-05 of mdr-2016
	// dod/secdef-grachev-1994-01-05@corrected-2016 transcription 2016-08-30 of mdr-2016
	// dod/secdef-grachev-1994-01-05@nara-2025 release 2025-03-18
}
