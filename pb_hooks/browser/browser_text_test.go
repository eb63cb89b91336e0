package browser

import (
	"encoding/json"
	"testing"

	"github.com/chromedp/chromedp"

	"amem/internal/browsertest"
	"amem/pb_hooks/testapp"
)

// The renderer of messages in both apps (web/static/shared/text.js): number
// runs in left-to-right isolates, phone numbers as tel: links, other text as is.
func TestBrowserMessageText(t *testing.T) {
	app := testapp.New(t)
	base := testapp.StartServer(t, app)
	ctx := browsertest.New(t)
	browsertest.Tab{T: t, Ctx: ctx}.Run(chromedp.Navigate(base+"/"), chromedp.WaitVisible(`button[data-lang="ar"]`))

	cases := []struct{ text, html string }{
		{"اتصل بـ +216 71 234 567 غدًا", `اتصل بـ <bdi dir="ltr"><a href="tel:+21671234567">+216 71 234 567</a></bdi> غدًا`},
		{"رقمي 0661 23 45 67", `رقمي <bdi dir="ltr"><a href="tel:0661234567">0661 23 45 67</a></bdi>`},
		{"appelez le 00212661234567", `appelez le <bdi dir="ltr"><a href="tel:+212661234567">00212661234567</a></bdi>`},
		{"الرقم ٠٦٦١٢٣٤٥٦٧", `الرقم <bdi dir="ltr"><a href="tel:0661234567">٠٦٦١٢٣٤٥٦٧</a></bdi>`},
		{"الرقم الأخضر 80 104 748", `الرقم الأخضر <bdi dir="ltr"><a href="tel:80104748">80 104 748</a></bdi>`},
		{"المادة 7(1) من القانون", `المادة <bdi dir="ltr">7(1)</bdi> من القانون`},
		{"المادة 7(2)–(3) منها", `المادة <bdi dir="ltr">7(2)–(3)</bdi> منها`},
		{"الرخصة رقم 123/2019", `الرخصة رقم <bdi dir="ltr">123/2019</bdi>`},
		{"بين 2023–2025 و 2023-2025", `بين <bdi dir="ltr">2023–2025</bdi> و <bdi dir="ltr">2023-2025</bdi>`},
		{"أجر 1.200.000 أوقية", `أجر <bdi dir="ltr">1.200.000</bdi> أوقية`},
		{"اتصل بالرقم 19 <b>الآن</b>", `اتصل بالرقم 19 &lt;b&gt;الآن&lt;/b&gt;`},
	}
	texts := make([]string, len(cases))
	for i, c := range cases {
		texts[i] = c.text
	}
	in, _ := json.Marshal(texts)
	got := browsertest.Eval[[]string](t, ctx, `(async (texts) => {
		const { rich } = await import("/static/shared/text.js");
		const { h } = await import("/static/shared/dom.js");
		return texts.map((s) => h("p", null, rich(s)).innerHTML);
	})(`+string(in)+`)`)
	for i, c := range cases {
		if got[i] != c.html {
			t.Errorf("rich(%q) = %s\nwant %s", c.text, got[i], c.html)
		}
	}
}
