package routing

// IsUrgent reports whether a question's text mentions trafficking, a
// passport or documents taken or withheld, violence (beating, rape, sexual
// assault, threats to kill) or detention (prison, arrest, being locked in),
// in Arabic (standard and Maghrebi), French or English. The text is
// normalised first (see Normalise) and read sentence by sentence.
//
// The cues are word stems and short phrases chosen to avoid the obvious
// false alarms: "passport renewal" is not urgent, "my employer took my
// passport" is; "traffic" and "trafic" (roads) are not, "trafficking" and
// "trafic d'êtres humains" are; "مضرب" (on strike) and "الإضراب" are not
// "ضربني" (he beat me). Sexual harassment, unpaid wages and forced labour
// alone are not urgent by this rule: they are serious, but they come under
// the normal deadline.
func IsUrgent(text string) bool {
	_, urgent := urgentConcern(text)
	return urgent
}

// urgentConcern is IsUrgent that also says what made the question urgent
// (a category, never the worker's words), for Decision.Why.
func urgentConcern(text string) (concern string, urgent bool) {
	for _, sentence := range sentences(Normalise(text)) {
		for _, c := range urgentCues {
			if c.matches(sentence) {
				return c.concern, true
			}
		}
	}
	return "", false
}

// What urgent cues point at: the "concern" of an urgent reason (the inbox
// names it, inbox.concern.<code>).
const (
	concernTrafficking = "trafficking"
	concernDocuments   = "documents"      // a passport or documents taken or withheld
	concernSexual      = "sexual_assault" // rape or sexual assault
	concernKill        = "threat_to_kill"
	concernViolence    = "violence"
	concernDetention   = "detention" // detention or confinement
)

// Words for identity documents, and for who holds them against the worker.
const (
	docsEN = "passport*|pasport*|paspor*|papers|document|documents|id|id_card*|iqama|residence_permit*|residence_card*|work_permit*"
	docsFR = "passeport*|papiers|document|documents|piece_d_identite|pieces_d_identite|carte_d_identite|carte_de_sejour|titre_de_sejour|cin"
	docsAR = "جواز*|باسبور*|وثائق*|أوراق*|وراق*|كواغط*|بطاقة_التعريف|بطاقة_الإقامة|بطاقة_الهوية|البطاقة_الوطنية|هويتي|الهوية"

	holdersEN = "employer*|boss|sponsor|kafeel|kafil|agency|agent|recruiter*|madam|madame|company|manager|owner|supervisor|landlord"
	holdersFR = "employeur*|employeuse*|patron|patronne|patrons|kafil|sponsor|agence|agent|recruteur*|madame|societe|entreprise|chef"
	holdersAR = "الكفيل|كفيلي|صاحب_العمل|صاحبة_العمل|صاحب_الشغل|صاحب_الخدمة|صاحب_الدار|صاحبة_الدار|صاحبة_البيت|صاحب_البيت|" +
		"مول_الدار|مولات_الدار|مول_الخدمة|مول_الشغل|المشغل|المشغلة|مشغلي|مشغلتي|الباطرون|الباطرونة|الباترون|باطروني|" +
		"المدام|المدير|المديرة|مديري|الشركة|الوكالة|السمسار|المعلم"
)

// urgentCues are checked in order; the first found names the concern, so
// the specific ones (sexual violence, threats to kill) come before the
// general ones (violence).
var urgentCues = []cue{
	// Trafficking.
	newCue(concernTrafficking, "traffick*|trafick*|trafiquant*|traffiquant*"),
	newCue(concernTrafficking, "trafic|traffic ~2 etres_humains|humains|humain|personnes|femmes|enfants|migrants|migrantes"),
	newCue(concernTrafficking, "traite ~1 etres_humains|humains|humaine|personnes|femmes|enfants|migrants|migrantes"),
	newCue(concernTrafficking, "اتجار ~1 بالبشر|بالأشخاص|بالنساء|بالأطفال|البشر|الأشخاص|النساء|الأطفال"),
	newCue(concernTrafficking, "ضحية|ضحايا ~1 اتجار"),
	newCue(concernTrafficking, "تجار|تجارة البشر"),

	// A passport or documents taken or withheld. "I took my passport" and
	// "j'ai pris mon passeport" are the worker's own doing.
	newCue(concernDocuments, "confiscat*|withh*|seiz*|retain*|retention|took|kept|keeps|keeping|holds|holding|held|hid|hides|hidden|hiding ~2 "+docsEN, "i", "we"),
	newCue(concernDocuments, "he|she|they|"+holdersEN+" ~1 has|have|keep|keeps|kept|took|take|takes|hold|holds|held|holding ~2 "+docsEN),
	newCue(concernDocuments, docsEN+" ~3 was|were|been|is|are|got|being ~1 confiscated|withheld|seized|retained|taken|kept|hidden|held"),
	newCue(concernDocuments, "refus*|won_t|wont|not|never|doesn_t|don_t|didn_t ~3 give|giving|gave|return|returning|hand ~3 "+docsEN),
	newCue(concernDocuments, docsEN+" ~2 is|are ~1 with|at ~1 "+holdersEN),

	// Not "saisi" before the documents: "saisir mes documents" is typing them in.
	newCue(concernDocuments, "confisqu*|confiscation|retien*|retenu*|retenir|retention|garde|gardent|gardait|gardaient|detient|detiennent|pris|prend|prennent|cache|cachent|cachait|enleve* ~2 "+docsFR,
		"je", "j", "ai", "avons", "nous"),
	newCue(concernDocuments, docsFR+" ~3 ete|est|sont|etait|etaient ~1 confisqu*|retenu*|garde|gardes|gardee|gardees|pris|prise|cache|caches|cachee|enleve*|saisi*"),
	newCue(concernDocuments, "refus* ~3 rend|rendent|rendre|rendu|rendus|remet|remettent|remettre|remis|redonne|redonnent|redonner|restitu* ~3 "+docsFR),
	// Without "refuse", only "rendre" (give back): "je n'ai pas remis mes documents" is not having handed them in.
	newCue(concernDocuments, "ne|n|pas|jamais ~3 rend|rendent|rendre|rendu|rendus|redonne|redonnent|redonner|restitu* ~3 "+docsFR),
	newCue(concernDocuments, docsFR+" ~2 est|sont|reste|restent ~1 chez|avec ~2 "+holdersFR),
	newCue(concernDocuments, "il|elle|ils|elles|"+holdersFR+" a|ont|detient|detiennent mon|ma|mes|nos|notre|tous_mes|toutes_mes "+docsFR),

	newCue(concernDocuments, "أخذ*|يأخذ*|تأخذ*|خدا|خداو|خدات|خذا|خذاو|خذات|داو|احتفظ*|يحتفظ*|تحتفظ*|محتفظ*|احتفاظ|احتجز*|يحتجز*|تحتجز*|احتجاز|"+
		"صادر|صادرو|صادروا|صادرت|يصادر*|تصادر*|مصادرة|شد|شدو|شداو|شدات|شاد|شادة|خبا|خبى|خباو|خبات ~1 "+docsAR),
	newCue(concernDocuments, "حجز|حجزو|حجزوا|حجزت|يحجز|تحجز ~0 "+docsAR), // حجز is also "booked": only right before the document
	newCue(concernDocuments, "أخذ*|احتفظ*|يحتفظ*|حجز*|يحجز*|شد|خدا|خذا|صادر*|عنده|عندو|عندها|عندهم ~0 "+holdersAR+" ~1 "+docsAR),
	newCue(concernDocuments, holdersAR+" ~1 عنده|عندو|عندها|عندهم|شاد|شادة|محتفظ* ~1 "+docsAR),
	newCue(concernDocuments, docsAR+" ~2 محجوز*|محتجز*|مصادر|مصادرة|أخذوه|أخذوها|أخذه|أخذها|خداه|خداوه|شداه|شدوه|حجزوه|حجزوها"),
	newCue(concernDocuments, docsAR+" ~2 عند|عندو|مع|بيد|في_يد ~1 "+holdersAR),
	newCue(concernDocuments, "رفض*|يرفض*|ترفض*|ما|مابغا*|مابغى*|ماحب*|ماحاب* ~2 يرجع*|ترجع*|يرد*|ترد*|يعط*|تعط*|إرجاع|إعادة|ترجيع ~3 "+docsAR),

	// Rape and sexual assault.
	newCue(concernSexual, "rape|raped|rapes|raping|rapist*|molest*|grope|groped|groping"),
	newCue(concernSexual, "sexual|sexually ~1 assault*|abus*|attack*|violen*|exploit*"),
	newCue(concernSexual, "viol|viols|violeur*|attouchement*"),
	newCue(concernSexual, "m|me ~1 viole|violee|violer"), // not "l'employeur viole la loi"
	newCue(concernSexual, "ai_ete|suis|j_ai_ete viole|violee"),
	newCue(concernSexual, "agression*|agresse*|abus|abuse*|violence*|attouchement* sexuel*|sexuelle*|sexuellement"),
	newCue(concernSexual, "اغتصب*|يغتصب*|تغتصب*|اغتصاب|مغتصب*"),
	newCue(concernSexual, "اعتداء|اعتدى|اعتدا|اعتدوا ~2 جنسي*|جنسيا"),

	// Threats to kill.
	newCue(concernKill, "kill|murder ~0 me|us|you|her|him|my"),
	newCue(concernKill, "death_threat*"),
	newCue(concernKill, "threat*|threaten* ~4 kill*|death|murder*|knife|gun|weapon"),
	newCue(concernKill, "me|te|nous|vous|la|le|l tuer|tuera|tuerai|tuerait|tueront"),
	newCue(concernKill, "menac* ~4 mort|tuer|couteau|arme"),
	newCue(concernKill, "يقتلني|تقتلني|يقتلوني|يقتلونني|تقتلوني|نقتلك|سنقتلك|نقتلكم|يقتلك|نذبحك|يذبحني|تذبحني|يذبحوني|بالقتل|بالذبح"),
	newCue(concernKill, "هدد*|يهدد*|تهدد*|تهديد* ~3 قتل*|بالقتل|يقتل*|نقتل*|بالموت|بالسكين|بالذبح"),

	// Violence.
	newCue(concernViolence, "violence|violent|violently|beaten|beating|beatings|battered|assault|assaulted|assaulting|tortur*"),
	newCue(concernViolence, "beat|beats|hit|hits|hitting|slapped|slaps|slapping|punched|punches|punching|attacked|attacks|attacking|choked|chokes|strangled|whipped|burned ~0 me|us|her|him"),
	newCue(concernViolence, "physical|physically ~1 abus*|attack*|assault*|violen*|harm*"),
	newCue(concernViolence, "violence|violences|violent|violente|violents|violentes|violemment|frappee|frappees|battue|battues|tabass*|gifle*|tortur*|"+
		"agression|agressions|agresse|agressee|agresses|agressees|agresser|coups_et_blessures|roue_de_coups|coups_de_poing|coups_de_pied|coups_de_baton|coups_de_ceinture"),
	newCue(concernViolence, "me|m|nous|te ~1 frappe|frappent|frappait|frappaient|frapper|frappee|bat|battent|battait|battaient|battu|battue|gifle*|tabass*|etrangl*"),
	newCue(concernViolence, "عنف|العنف|تعنيف|معنف*|يعنف*|تعنف*|عنفني|عنفوني"),
	newCue(concernViolence, "ضربني|ضربتني|ضرباتني|ضربوني|يضربني|تضربني|يضربوني|يضربونني|تضربوني|يضربها|الضرب"),
	newCue(concernViolence, "تعذيب|يعذبني|تعذبني|يعذبوني|عذبني|عذبوني|عذبتني"),
	// اعتداء alone is also "infringement" (of rights), and على and علي fold together.
	newCue(concernViolence, "اعتداء|اعتدى|اعتدوا|يعتدي|يعتدون|تعتدي ~2 جسدي*|بالضرب|بالسكين"),
	newCue(concernViolence, "اعتدى|اعتدوا|يعتدي|تعتدي عليا"),
	newCue(concernViolence, "صفع*|يصفع*|تصفع*|لطمني|لطمتني|صرفق*"),

	// Detention, arrest and being locked in.
	newCue(concernDetention, "detain*|detention|arrest*|prison*|imprison*|jail*|incarcerat*|in_custody|police_custody"),
	newCue(concernDetention, "lock*_me|lock*_us|lock*_her ~0 in|up|inside"),
	newCue(concernDetention, "locked_up|locked_inside|locked_in_the_house|locked_in_my_room"),
	// Not "leave": "they won't let me take leave" is about holidays.
	newCue(concernDetention, "not|won_t|don_t|doesn_t|never ~2 let_me|let_us|allow*_me|allow*_us ~1 go_out|out|outside|leave_the_house"),
	newCue(concernDetention, "not_allowed_to_go_out|not_allowed_out|not_allowed_outside|not_allowed_to_leave_the_house"),
	newCue(concernDetention, "detenu|detenue|detenus|detenues|en_detention|centre_de_detention|detention_provisoire|centre_de_retention|en_retention|"+
		"prison|prisons|prisonnier*|emprisonn*|incarcer*|arrestation*|garde_a_vue|sequestr*|enferm*"),
	newCue(concernDetention, "arrete|arretee|arretes|arretees ~2 police|gendarme*|gendarmerie"),
	newCue(concernDetention, "police|gendarmes|gendarmerie ~2 arrete|arretee|arretes|arretees"),
	newCue(concernDetention, "ne ~2 laisse|laissent|laissait|laissaient ~2 sortir"), // not partir: "en vacances"
	newCue(concernDetention, "interdit*_de_sortir"),
	newCue(concernDetention, "سجن*|مسجون*|سجين*|سجناء|الحبس|محبوس*|اعتقال|اعتقل*|معتقل*|يعتقل*"),
	newCue(concernDetention, "احتجزوني|احتجزني|احتجزتني|يحتجزني|يحتجزونني|يحتجزوني|محتجز|محتجزة|محتجزين|محتجزون|مركز_احتجاز|مركز_الاحتجاز"),
	newCue(concernDetention, "قبض* ~0 علي|عليا|علينا|عليه|عليها"), // قبض على: arrest
	newCue(concernDetention, "إلقاء_القبض"),
	newCue(concernDetention, "شد*|حبس*|قبض*|اعتقل* ~2 البوليس|الشرطة|الدرك|الجندارمية|الأمن"),
	newCue(concernDetention, "البوليس|الشرطة|الدرك|الجندارمية ~2 شد*|حبس*|قبض*|اعتقل*"),
	newCue(concernDetention, "قفل*|يقفل*|تقفل*|سد*|يسد*|تسد*|يغلق*|تغلق*|أغلق* ~0 علي|عليا|علينا ~2 الباب|البيبان|الدار|البيت|المنزل|الغرفة"),
	newCue(concernDetention, "ما ~2 يخلي*|تخلي*|يخلو*|خلاني*|خلاتني*|خلاو* ~1 نخرج"),
}
