package versiontext

import (
	"testing"
	"time"

	"github.com/blackline/blackline/repo"
)

func TestKind(t *testing.T) {
	tests := []struct {
		v    repo.Version
		want string
	}{
		{repo.Version{}, "-"},
		{repo.Version{Meta: repo.Meta{Kind: repo.Release}}, "release"},
		{repo.Version{Meta: repo.Meta{Kind: repo.Transcription, Transcribes: "mdr-2016"}}, "transcription of mdr-2016"},
	}
	for _, tt := range tests {
		if got := Kind(tt.v); got != tt.want {
			t.Errorf("Kind(%+v) = %q, want %q", tt.v.Meta, got, tt.want)
		}
	}
}

func TestTexts(t *testing.T) {
	ar, err := repo.Init(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	sig := repo.Signature{Name: "Ada", Email: "ada@example.org", When: time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)}
	texts := []string{"SECRET\n(b)(1)\n", "SECRET\nThe minister agreed.\n"}
	for i, text := range texts {
		kind := repo.Release
		if _, err := ar.Add(repo.AddRequest{Meta: repo.Meta{Document: "nsc/minister", Kind: kind}, Text: []byte(text), Author: sig}); err != nil {
			t.Fatalf("Add %d: %v", i, err)
		}
	}
	vs, err := ar.Versions("nsc/minister")
	if err != nil {
		t.Fatal(err)
	}
	got, err := Texts(ar, vs)
	if err != nil {
		t.Fatalf("Texts() error = %v", err)
	}
	if len(got) != len(texts) {
		t.Fatalf("Texts() gave %d versions, want %d", len(got), len(texts))
	}
	for i, vt := range got {
		if string(vt.Text) != texts[i] || vt.Label != vs[i].Label || vt.Kind != "release" {
			t.Errorf("Texts()[%d] = {%q %q %q}, want {%q %q release}", i, vt.Label, vt.Kind, vt.Text, vs[i].Label, texts[i])
		}
	}
}
