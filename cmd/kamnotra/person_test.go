package main

import (
	"bytes"
	"context"
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/kamnotra/kamnotra/internal/record"
	"github.com/kamnotra/kamnotra/internal/store/sqlite"
)

func run(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Main(context.Background(), args, strings.NewReader(""), &out, &errb, func(string) string { return "" })
	return code, out.String(), errb.String()
}

// TestPersonCommands walks an editor's session: look a person up by
// another script, merge a duplicate, see the history, split it again.
func TestPersonCommands(t *testing.T) {
	data := t.TempDir()
	ctx := context.Background()
	st, err := sqlite.OpenDir(ctx, data)
	if err != nil {
		t.Fatal(err)
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(st.PutOrganisation(ctx, &record.Organisation{ID: "cpp", Kind: record.OrgParty, Names: record.Names{{Lang: "en", Value: "Cambodian People's Party"}}}))
	a := &record.Person{Names: record.Names{{Lang: "km", Script: "Khmr", Value: "ថុល សំណាង", Kind: record.NameOfficial}, {Lang: "en", Value: "Thol Samnang"}}}
	b := &record.Person{Names: record.Names{{Lang: "en", Value: "Thol Sam Nang"}}}
	must(st.PutPerson(ctx, a))
	must(st.PutPerson(ctx, b))
	d, _ := record.ParseDate("2024-03-02")
	must(st.PutEvent(ctx, &record.Event{Type: record.EventPartyJoin, Date: d, ToOrgID: "cpp", Participants: []record.Participant{{Role: record.ParticipantSubject, PersonID: b.ID}}}))
	st.Close()

	tests := []struct {
		args []string
		code int
		want []string
	}{
		{[]string{"person", "Samnang Thol"}, 0, []string{a.ID, "ថុល សំណាង", "none known"}},
		{[]string{"person", "--format", "json", b.ID}, 0, []string{`"id": "` + b.ID, `"org_id": "cpp"`}},
		{[]string{"person", "Nobody Here"}, 1, nil},
		{[]string{"person", "--format", "xml", a.ID}, 2, nil},
		{[]string{"person", "merge", a.ID}, 2, nil},
		{[]string{"org", "cpp"}, 0, []string{"1 joined", "Thol Sam Nang"}},
	}
	for _, tt := range tests {
		code, out, errOut := run(t, append([]string{"--data", data}, tt.args...)...)
		if code != tt.code {
			t.Errorf("%v: exit %d, want %d\n%s%s", tt.args, code, tt.code, out, errOut)
		}
		for _, w := range tt.want {
			if !strings.Contains(out, w) {
				t.Errorf("%v: output lacks %q:\n%s", tt.args, w, out)
			}
		}
	}

	code, out, errOut := run(t, "--data", data, "person", "merge", "--by", "editor/test", a.ID, b.ID)
	if code != 0 {
		t.Fatalf("merge: exit %d: %s", code, errOut)
	}
	mergeID := regexp.MustCompile(`\bpm[0-9a-z]+`).FindString(out)
	if mergeID == "" {
		t.Fatalf("merge printed no merge ID: %s", out)
	}
	_, out, _ = run(t, "--data", data, "person", "--format", "json", b.ID)
	var rep struct {
		ID       string `json:"id"`
		AskedFor string `json:"asked_for"`
		Timeline []struct {
			OrgID string `json:"org_id"`
		} `json:"timeline"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.ID != a.ID || rep.AskedFor != b.ID || len(rep.Timeline) != 1 || rep.Timeline[0].OrgID != "cpp" {
		t.Errorf("merged-away person shows %+v, want %s with the CPP membership", rep, a.ID)
	}
	if code, out, _ := run(t, "--data", data, "person", "history", b.ID); code != 0 || !strings.Contains(out, mergeID) {
		t.Errorf("history: exit %d:\n%s", code, out)
	}
	if code, _, errOut := run(t, "--data", data, "person", "split", "--by", "editor/test", mergeID); code != 0 {
		t.Fatalf("split: exit %d: %s", code, errOut)
	}
	if code, _, _ := run(t, "--data", data, "person", "split", mergeID); code != 1 {
		t.Errorf("splitting twice: exit %d, want 1", code)
	}
	// Merged again, and split by naming the person merged away.
	if code, _, errOut := run(t, "--data", data, "person", "merge", a.ID, b.ID); code != 0 {
		t.Fatalf("merging again: exit %d: %s", code, errOut)
	}
	if code, out, errOut := run(t, "--data", data, "person", "split", b.ID); code != 0 || !strings.Contains(out, b.ID+" is a person of its own again") {
		t.Fatalf("split by person: exit %d: %s%s", code, out, errOut)
	}
	if code, _, _ := run(t, "--data", data, "person", "split", b.ID); code != 1 {
		t.Errorf("splitting a person with no merge: exit %d, want 1", code)
	}
	_, out, _ = run(t, "--data", data, "person", "--format", "json", b.ID)
	rep.AskedFor = ""
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.ID != b.ID || rep.AskedFor != "" || len(rep.Timeline) != 1 {
		t.Errorf("after the split %s shows %+v", b.ID, rep)
	}
}
