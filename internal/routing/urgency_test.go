package routing

import "testing"

func TestIsUrgent(t *testing.T) {
	scenarios := []struct {
		lang, text string
		want       bool
	}{
		// English: urgent.
		{"en", "My employer took my passport when I arrived.", true},
		{"en", "The agency is keeping our passports and says it is normal", true},
		{"en", "My passport was confiscated by the sponsor.", true},
		{"en", "The madam has my passport and my residence card", true},
		{"en", "The employer refuses to return my documents", true},
		{"en", "I think I was trafficked to work on a farm", true},
		{"en", "My boss beats me every day", true},
		{"en", "He raped me. I do not know where to go", true},
		{"en", "She threatened to kill me if I call anyone", true},
		{"en", "I was sexually assaulted by the driver", true},
		{"en", "My brother was arrested and is in jail in Doha", true},
		{"en", "They locked me in the house for three weeks", true},
		{"en", "They don't let me go out of the house", true},
		// English: not urgent.
		{"en", "How do I renew my passport?", false},
		{"en", "Passport renewal: how long does it take?", false},
		{"en", "My passport expires next month, what should I do?", false},
		{"en", "I took my passport to the consulate for renewal.", false},
		{"en", "Traffic in Doha is terrible and I am always late", false},
		{"en", "Can I join a union in Spain?", false},
		{"en", "The heat is killing me at work", false},
		{"en", "What documents do I need for a work permit?", false},
		{"en", "My employer did not pay my wages for two months", false},
		{"en", "He gave me back my passport yesterday", false},
		{"en", "They won't let me take leave in August", false},
		{"en", "The guard took a photo. Passport photos cost 5 dollars.", false}, // two sentences
		// French: urgent.
		{"fr", "Ils ont pris mon passeport.", true},
		{"fr", "Mon employeur a confisqué mes papiers", true},
		{"fr", "Mon passeport a été confisqué par l'agence", true},
		{"fr", "Le patron refuse de me rendre mon passeport", true},
		{"fr", "Il a mon passeport depuis mon arrivée", true},
		{"fr", "Je suis victime de traite des êtres humains", true},
		{"fr", "Il me frappe tous les jours", true},
		{"fr", "Mon patron m'a violée", true},
		{"fr", "Il a menacé de me tuer", true},
		{"fr", "Mon mari est en prison au Maroc", true},
		{"fr", "Elle m'enferme dans la maison", true},
		{"fr", "J'ai été agressée sexuellement", true},
		{"fr", "La police m'a arrêté hier", true},
		{"fr", "ILS NE ME LAISSENT PAS SORTIR", true},
		// French: not urgent.
		{"fr", "Je dois renouveler mon passeport.", false},
		{"fr", "J'ai pris rendez-vous pour mon passeport", false},
		{"fr", "J'ai pris mon passeport pour aller au consulat", false},
		{"fr", "Le trafic était dense ce matin", false},
		{"fr", "L'employeur a violé mon contrat", false},
		{"fr", "Du coup, je ne sais pas quoi faire", false},
		{"fr", "Un arrêté ministériel fixe le salaire minimum", false},
		{"fr", "J'ai arrêté de travailler en mai", false},
		{"fr", "Il y a une faute de frappe dans mon contrat", false},
		{"fr", "La retenue sur salaire est-elle légale ?", false},
		{"fr", "Je n'ai pas encore remis mes documents à la préfecture", false},
		{"fr", "Ce travail me tue", false},
		{"fr", "Il ne me laisse pas partir en vacances", false},
		// Arabic (standard and Maghrebi): urgent.
		{"ar", "أخذ جواز سفري", true},
		{"ar", "صاحب العمل يحتفظ بجوازي", true},
		{"ar", "الكفيل أخذ جوازي ولا يريد أن يرجعه", true},
		{"ar", "جواز سفري عند صاحب العمل منذ سنة", true},
		{"ar", "الباطرون شد ليا الباسبور", true},
		{"ar", "المدام ما بغاتش ترجع ليا الباسبور", true},
		{"ar", "أَخَذَ جَوَازَ سَفَرِي", true},
		{"ar", "ضربني صاحب العمل", true},
		{"ar", "كيضربني المعلم كل نهار", true},
		{"ar", "ضـــربني", true},
		{"ar", "تعرضت للعنف في العمل", true},
		{"ar", "هددني بالقتل", true},
		{"ar", "اغتصبني ابن صاحب البيت", true},
		{"ar", "أنا ضحية الاتجار بالبشر", true},
		{"ar", "أخي في السجن منذ شهر", true},
		{"ar", "يقفلون علي الباب ولا أستطيع الخروج", true},
		{"ar", "ما كيخلونيش نخرج من الدار", true},
		// Arabic: not urgent.
		{"ar", "أريد تجديد جواز سفري", false},
		{"ar", "أخذت موعدا لتجديد جوازي", false},
		{"ar", "العمال مضربين عن العمل", false},
		{"ar", "هل الإضراب حق للعمال؟", false},
		{"ar", "كم الضريبة على الراتب؟", false},
		{"ar", "حجزت تذكرة السفر إلى الدوحة", false},
		{"ar", "ما هي الوثائق المطلوبة لعقد العمل؟", false},
		{"ar", "عندي مشكل فالخلاص", false},
		{"ar", "شحال كياخد التجديد ديال الباسبور", false},
		{"ar", "اعتداء على حقوقي في العقد", false},
		{"ar", "كيف أنضم إلى النقابة؟", false},
		// Mixed and empty.
		{"mixed", "Salam, le patron a pris mon passeport w ma bghach yrje3o", true},
		{"none", "", false},
		{"none", "   ...   ", false},
	}
	count := map[string]map[bool]int{}
	for _, s := range scenarios {
		if got := IsUrgent(s.text); got != s.want {
			t.Errorf("%s: IsUrgent(%q) = %v, want %v (normalised: %q)", s.lang, s.text, got, s.want, Normalise(s.text))
		}
		if count[s.lang] == nil {
			count[s.lang] = map[bool]int{}
		}
		count[s.lang][s.want]++
	}
	// The table is the specification: keep at least ten cases each way per language.
	for _, lang := range []string{"en", "fr", "ar"} {
		if count[lang][true] < 10 || count[lang][false] < 10 {
			t.Errorf("%s: %d urgent and %d ordinary cases; want at least 10 of each", lang, count[lang][true], count[lang][false])
		}
	}
}

func TestUrgentConcern(t *testing.T) {
	scenarios := []struct{ text, want string }{
		{"He raped me and beat me", concernSexual},
		{"He beat me", concernViolence},
		{"il m'a menacée de mort", concernKill},
		{"They took my passport", concernDocuments},
		{"victime de trafic d'êtres humains", concernTrafficking},
		{"أنا محبوسة في الدار", concernDetention},
		{"Where is the consulate?", ""},
	}
	for _, s := range scenarios {
		if got, _ := urgentConcern(s.text); got != s.want {
			t.Errorf("urgentConcern(%q) = %q, want %q", s.text, got, s.want)
		}
	}
}

// BenchmarkIsUrgent reads a question as long as the form allows (4000
// characters) with nothing urgent in it: the slowest case, every cue tried.
func BenchmarkIsUrgent(b *testing.B) {
	var text []byte
	for len(text) < 4000 {
		text = append(text, "Je voudrais savoir combien de jours de congé j'ai, أريد تجديد جواز سفري, how many hours a week. "...)
	}
	for b.Loop() {
		IsUrgent(string(text[:4000]))
	}
}
