package answers

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// JSON is an answer's stable JSON shape, which reports (soa transition)
// print: every field of Fields in order, by its key; a Bool as true, false
// or null, a list as an array (empty rather than null), any other field as
// a string ("" when empty). A Remark is left out when empty.
type JSON struct{ Answer *Answer }

// MarshalJSON writes the answer, or null for none.
func (j JSON) MarshalJSON() ([]byte, error) {
	if j.Answer == nil {
		return []byte("null"), nil
	}
	var b bytes.Buffer
	b.WriteByte('{')
	first := true
	for _, f := range Fields {
		v := f.Get(j.Answer)
		if f.Remark && len(v) == 0 {
			continue
		}
		var val any
		switch {
		case f.Kind == Bool && len(v) == 0:
			val = nil
		case f.Kind == Bool:
			val = v[0] == "true"
		case f.IsList():
			val = append([]string{}, v...)
		default:
			val = valueText(v)
		}
		enc, err := marshal(val)
		if err != nil {
			return nil, err
		}
		key, _ := marshal(f.Key)
		if !first {
			b.WriteByte(',')
		}
		first = false
		b.Write(key)
		b.WriteByte(':')
		b.Write(enc)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// UnmarshalJSON reads what MarshalJSON writes.
func (j *JSON) UnmarshalJSON(data []byte) error {
	if bytes.Equal(bytes.TrimSpace(data), []byte("null")) {
		j.Answer = nil
		return nil
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return err
	}
	a := &Answer{}
	for key, msg := range raw {
		f := FieldByKey(key)
		if f == nil {
			return fmt.Errorf("unknown answer field %q", key)
		}
		var v Value
		switch {
		case f.Kind == Bool:
			var b *bool
			if err := json.Unmarshal(msg, &b); err != nil {
				return fmt.Errorf("%s: %w", key, err)
			}
			v = boolValue(b)
		case f.IsList():
			if err := json.Unmarshal(msg, &v); err != nil {
				return fmt.Errorf("%s: %w", key, err)
			}
		default:
			var s string
			if err := json.Unmarshal(msg, &s); err != nil {
				return fmt.Errorf("%s: %w", key, err)
			}
			v = textValue(s)
		}
		f.Set(a, v)
	}
	j.Answer = a
	return nil
}

// marshal is json.Marshal without HTML escaping: reports are read by
// people and programs, not embedded in pages.
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}
