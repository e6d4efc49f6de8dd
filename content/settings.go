package content

// Setting keys. The footer must carry what the Law on Press (2016, Art. 46)
// requires of an electronic newspaper; these keys hold it.
const (
	SettingSiteName        = "site.name"
	SettingSiteTagline     = "site.tagline"
	SettingBaseURL         = "site.base_url" // e.g. https://baomoi.example; empty: taken from each request
	SettingAgency          = "press.agency"  // cơ quan chủ quản
	SettingLicence         = "press.licence"
	SettingLicenceDate     = "press.licence_date"
	SettingLicenceIssuer   = "press.licence_issuer"
	SettingAddress         = "press.address"
	SettingPhone           = "press.phone"
	SettingEmail           = "press.email"
	SettingEditorInChief   = "press.editor_in_chief"
	SettingCommentsWarning = "comments.notice"
)

// SiteInfo is the typed view of the settings that reader pages show.
type SiteInfo struct {
	Name          string
	Tagline       string
	BaseURL       string
	Agency        string
	Licence       string
	LicenceDate   string
	LicenceIssuer string
	Address       string
	Phone         string
	Email         string
	EditorInChief string
}

// DefaultSettings are used for any key the database does not hold.
var DefaultSettings = map[string]string{
	SettingSiteName:    "Toà Soạn",
	SettingSiteTagline: "Báo điện tử",
}

// SiteInfoFrom reads a SiteInfo from settings, falling back to DefaultSettings.
func SiteInfoFrom(settings map[string]string) SiteInfo {
	get := func(k string) string {
		if v, ok := settings[k]; ok && v != "" {
			return v
		}
		return DefaultSettings[k]
	}
	return SiteInfo{
		Name:          get(SettingSiteName),
		Tagline:       get(SettingSiteTagline),
		BaseURL:       get(SettingBaseURL),
		Agency:        get(SettingAgency),
		Licence:       get(SettingLicence),
		LicenceDate:   get(SettingLicenceDate),
		LicenceIssuer: get(SettingLicenceIssuer),
		Address:       get(SettingAddress),
		Phone:         get(SettingPhone),
		Email:         get(SettingEmail),
		EditorInChief: get(SettingEditorInChief),
	}
}
