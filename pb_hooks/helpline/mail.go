package helpline

import (
	"html"

	"github.com/pocketbase/pocketbase/core"

	"amem/internal/i18n"
)

// bindMail writes the counsellor's sign-in code e-mail from locales/, in the
// counsellor's first language (PocketBase's own template is English only).
func bindMail(app core.App, catalog *i18n.Catalog) {
	app.OnMailerRecordOTPSend("counsellors").BindFunc(func(e *core.MailerRecordEvent) error {
		lang := i18n.DefaultLang
		if langs := e.Record.GetStringSlice("languages"); len(langs) > 0 && catalog.Has(langs[0]) {
			lang = langs[0]
		}
		code, _ := e.Meta["password"].(string)
		data := map[string]any{"Name": e.Record.GetString("name"), "Minutes": e.Record.Collection().OTP.Duration / 60}
		e.Message.Subject = catalog.T(lang, "mail.otp.subject", nil, nil)
		e.Message.HTML = `<div dir="` + i18n.Dir(lang) + `" lang="` + lang + `">` +
			"<p>" + html.EscapeString(catalog.T(lang, "mail.otp.greeting", nil, data)) + "</p>" +
			"<p>" + html.EscapeString(catalog.T(lang, "mail.otp.code", nil, nil)) + " <strong>" + html.EscapeString(code) + "</strong></p>" +
			"<p>" + html.EscapeString(catalog.T(lang, "mail.otp.expiry", nil, data)) + "</p>" +
			"<p><i>" + html.EscapeString(catalog.T(lang, "mail.otp.ignore", nil, nil)) + "</i></p></div>"
		e.Message.Text = ""
		return e.Next()
	})
}
