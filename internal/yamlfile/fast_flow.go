package yamlfile

import "go.yaml.in/yaml/v3"

// flowNode parses the flow sequence or mapping whose bracket is at the
// cursor and leaves the cursor after the closing bracket. Entries may
// span lines; a mapping's entries are "key: value"
// pairs with scalar keys, a sequence's are nodes. Empty values, keys
// without values, single-pair mappings inside sequences ("[a: b]") and
// "[,]" are left to yaml.v3.
func (p *fastParser) flowNode() *Node {
	p.enter()
	defer func() { p.depth-- }()
	mapping := p.s[p.i] == '{'
	kind, tag, closer := yaml.SequenceNode, &tagSeq, byte(']')
	if mapping {
		kind, tag, closer = yaml.MappingNode, &tagMap, '}'
	}
	n := p.newNode(kind, tag, p.i)
	n.Style = yaml.FlowStyle
	defer p.collect(n, len(p.stack))
	p.i++
	p.flowSpace()
	if p.at(p.i) == closer {
		p.i++
		return n
	}
	for {
		if mapping {
			start := p.i
			key, quoted := p.flowScalarKey()
			// A key is implicit: its ':' is on its line (yaml.v3 refuses
			// one after a line break) and not too far. After a plain key
			// ':' needs a blank after it (else the plain scalar would have
			// taken it); after a quoted one it need not.
			p.skipSpaces()
			if p.at(p.i) != ':' || !quoted && !p.isBlankz(p.i+1) || p.i-start > fastMaxKey {
				decline()
			}
			p.i++
			p.flowSpace()
			if c := p.at(p.i); c == ',' || c == '}' {
				decline()
			}
			value := p.flowItem()
			p.stack = append(p.stack, key, value)
		} else {
			p.stack = append(p.stack, p.flowItem())
		}
		p.flowSpace()
		switch p.at(p.i) {
		case ',':
			p.i++
			p.flowSpace()
			if p.at(p.i) == closer {
				p.i++
				return n
			}
		case closer:
			p.i++
			return n
		default:
			decline()
		}
	}
}

// flowItem parses one node inside a flow collection.
func (p *fastParser) flowItem() *Node {
	switch c := p.at(p.i); c {
	case '[', '{':
		return p.flowNode()
	case '"', '\'':
		n, multiline := p.quoted(c == '\'')
		if multiline {
			decline()
		}
		return n
	}
	return p.flowPlain()
}

// flowScalarKey parses a flow mapping's key: a plain or one-line quoted
// scalar. It reports whether the key was quoted.
func (p *fastParser) flowScalarKey() (*Node, bool) {
	if c := p.at(p.i); c == '"' || c == '\'' {
		n, multiline := p.quoted(c == '\'')
		if multiline {
			decline()
		}
		return n, true
	}
	return p.flowPlain(), false
}

// flowPlain scans a plain scalar inside a flow collection: it ends at
// ",[]{}?", at ": ", at a comment or at the end of its line; one that
// would continue on the next line is left to yaml.v3.
func (p *fastParser) flowPlain() *Node {
	if c := p.at(p.i); !startsPlain(c) || c == '-' && p.isBlankz(p.i+1) {
		decline()
	}
	s := p.s
	start := p.i
	n := p.newNode(yaml.ScalarNode, nil, start)
	i, end := start, start
scan:
	for {
		for i < len(s) && !isBlankByte(s[i]) {
			switch c := s[i]; c {
			case ',', '?', '[', ']', '{', '}':
				break scan
			case ':':
				if i+1 >= len(s) || isBlankByte(s[i+1]) {
					break scan
				}
			}
			// As in plain, a run of bytes that need no decision at once.
			i++
			for i < len(s) && byteClass[s[i]]&flowRun != 0 {
				i++
			}
			end = i
		}
		for i < len(s) && s[i] == ' ' {
			i++
		}
		switch {
		case i >= len(s) || s[i] == '#':
			break scan
		case s[i] == '\n' || s[i] == '\r':
			p.flowPlainEnds(i)
			break scan
		}
	}
	p.i = end
	n.Value = s[start:end]
	n.tag = resolvePlain(n.Value)
	return n
}

// flowPlainEnds declines unless the first character after the line break
// at i (past empty lines and indentation) ends a flow plain scalar, so
// that the scalar does not go on to the next line.
func (p *fastParser) flowPlainEnds(i int) {
	for p.at(i) == ' ' || p.isBreak(i) {
		if p.s[i] == ' ' {
			i++
		} else {
			i = p.skipBreak(i)
		}
	}
	switch c := p.at(i); c {
	case 0, ',', '?', '[', ']', '{', '}', '#':
		return
	case ':':
		if p.isBlankz(i + 1) {
			return
		}
	}
	decline()
}

// flowSpace skips spaces, line breaks and comments between the tokens of
// a flow collection. Like yaml.v3, it does not check the indentation of
// the lines inside one.
func (p *fastParser) flowSpace() {
	for {
		switch c := p.at(p.i); {
		case c == ' ':
			p.i++
		case c == '#' && (p.s[p.i-1] == ' ' || p.s[p.i-1] == '\n'):
			p.skipToBreak()
		case p.isBreak(p.i):
			p.i = p.skipBreak(p.i)
		default:
			return
		}
	}
}
