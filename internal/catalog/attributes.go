package catalog

// Attributes are the five ISO/IEC 27002:2022 attribute types of a control.
// Each list keeps the canonical order of AttributeTypes' values.
type Attributes struct {
	ControlType             []string
	SecurityProperties      []string
	CybersecurityConcepts   []string
	OperationalCapabilities []string
	SecurityDomains         []string
}

// AttributeType is one ISO/IEC 27002:2022 attribute type and its values.
type AttributeType struct {
	Key     string // field name in YAML and JSON
	Title   string
	TitleJA string
	Values  []string
}

// AttributeTypes lists the attribute types in the order ISO/IEC 27002:2022
// presents them, with the values allowed for each in the standard's order.
var AttributeTypes = []AttributeType{
	{"control_type", "Control type", "管理策タイプ", []string{"preventive", "detective", "corrective"}},
	{"security_properties", "Information security properties", "情報セキュリティ特性", []string{"confidentiality", "integrity", "availability"}},
	{"cybersecurity_concepts", "Cybersecurity concepts", "サイバーセキュリティ概念", []string{"identify", "protect", "detect", "respond", "recover"}},
	{"operational_capabilities", "Operational capabilities", "運用能力", []string{
		"governance", "asset_management", "information_protection", "human_resource_security",
		"physical_security", "system_and_network_security", "application_security",
		"secure_configuration", "identity_and_access_management",
		"threat_and_vulnerability_management", "continuity", "supplier_relationships_security",
		"legal_and_compliance", "information_security_event_management",
		"information_security_assurance",
	}},
	{"security_domains", "Security domains", "セキュリティドメイン", []string{"governance_and_ecosystem", "protection", "defence", "resilience"}},
}

// AttributeKeys returns the keys of AttributeTypes in order.
func AttributeKeys() []string {
	keys := make([]string, len(AttributeTypes))
	for i, t := range AttributeTypes {
		keys[i] = t.Key
	}
	return keys
}

// LookupAttributeType returns the attribute type with key, if any.
func LookupAttributeType(key string) (AttributeType, bool) {
	for _, t := range AttributeTypes {
		if t.Key == key {
			return t, true
		}
	}
	return AttributeType{}, false
}

// Get returns the values of the attribute type key.
func (a *Attributes) Get(key string) []string {
	if p := a.field(key); p != nil {
		return *p
	}
	return nil
}

func (a *Attributes) field(key string) *[]string {
	switch key {
	case "control_type":
		return &a.ControlType
	case "security_properties":
		return &a.SecurityProperties
	case "cybersecurity_concepts":
		return &a.CybersecurityConcepts
	case "operational_capabilities":
		return &a.OperationalCapabilities
	case "security_domains":
		return &a.SecurityDomains
	}
	return nil
}

// Empty reports whether no attribute is set.
func (a *Attributes) Empty() bool {
	for _, t := range AttributeTypes {
		if len(a.Get(t.Key)) > 0 {
			return false
		}
	}
	return true
}
