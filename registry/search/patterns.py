"""The words and patterns the question reader (``registry.search.understand``) knows.

Two groups: constraints (tasks, licences, languages, libraries, sizes, dates; read by
``Understander``) and the shape of a question (which attribute it asks for, comparisons, lists,
names written the way model ids are; read by ``read``). Data only: the reading is in
``understand.py``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from registry.search.facets import LANGUAGE_NAMES
from registry.search.method_terms import methods

PERMISSIVE_LICENCES = frozenset({"apache-2.0", "mit", "bsd-2-clause", "bsd-3-clause", "bsd-3-clause-clear", "isc",
                                 "cc-by-4.0", "cc-by-3.0", "cc0-1.0", "unlicense", "bsl-1.0", "zlib", "afl-3.0",
                                 "ecl-2.0", "postgresql", "wtfpl", "artistic-2.0", "ms-pl", "ncsa", "upl-1.0"})

# numbers written as words ("one billion", "a hundred million", "half a billion", "twenty-five million"): word -> value
NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen "
    "eighteen nineteen".split())} | {w: 10 * i for i, w in enumerate(
        "twenty thirty forty fifty sixty seventy eighty ninety".split(), start=2)}
_UNIT_WORD = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_TENS_WORD = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
NUMBER_IN_WORDS = (rf"(?:(?:a|{_UNIT_WORD})[ -]hundred(?:[ -](?:and[ -])?(?:{_TENS_WORD}(?:[ -]{_UNIT_WORD})?|"
                   rf"{_UNIT_WORD}))?|{_TENS_WORD}(?:[ -]{_UNIT_WORD})?|ten|eleven|twelve|(?:thir|four|fif|six|seven|"
                   rf"eigh|nine)teen|{_UNIT_WORD}(?:[ -]and[ -]a[ -]half)?|half[ -]a|a)")
# a count, in digits or words, and its unit ("7B", "1.5 billion", "one billion", "20-billion-parameter")
NUM = rf"(?<![\w.-])(\d+(?:[.,]\d+)?|{NUMBER_IN_WORDS}(?=[\s-]))[\s-]*(k|m|mn|b|bn|t|thousand|million|billion|trillion|mio|mrd)\b"
PARAMS = r"(?:[\s-]*(?:param(?:eter)?s?|weights))?"
# a range of counts: "between 30 and 100 billion", "from one to three billion", "7-13B parameters"; the first count's
# unit may be left to the second's (groups ``n1``, ``u1`` (or None), ``sep``, ``n2``, ``u2``, ``param``)
_COUNT_UNIT = r"(?:k|m|mn|b|bn|t|thousand|million|billion|trillion|mio|mrd)"
SIZE_RANGE = (rf"(?:\bbetween\s+|\bfrom\s+)?(?<![\w.-])(?P<n1>\d+(?:[.,]\d+)?|{NUMBER_IN_WORDS})(?:[\s-]*(?P<u1>{_COUNT_UNIT})\b)?"
              rf"(?:[\s-]*(?:param(?:eter)?s?))?(?P<sep>\s+and\s+|\s*(?:-|–|\bto\b|\.\.)\s*)"
              rf"(?<![\w.])(?P<n2>\d+(?:[.,]\d+)?|{NUMBER_IN_WORDS}(?=[\s-]))[\s-]*(?P<u2>{_COUNT_UNIT})\b"
              rf"(?P<param>[\s-]*(?:param(?:eter)?s?|weights)\b)?")
NAME = r"([a-z0-9][\w.\-/]*(?:[ -]\d+(?:\.\d+)?[bm]?)?)"

TASK_PATTERNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (r"sentence[ -]?(?:embeddings?|encoders?|transformers? models?)|semantic search|"
     r"text embeddings?|embedding models?|embeddings?|vector search", ("sentence-similarity", "feature-extraction")),
    (r"sentence[ -]similarity|semantic similarity|paraphrase detection", ("sentence-similarity",)),
    (r"feature[ -]extraction", ("feature-extraction",)),
    (r"sentiment(?: analysis| classification)?|text classification|classify (?:texts?|reviews|tweets|comments|emails)|"
     r"topic classification|toxicity(?: detection)?|toxic (?:comments?|content|language)|hate speech|spam detection|"
     r"intent (?:classification|detection)|emotion (?:detection|classification|recognition)", ("text-classification",)),
    (r"named[ -]entit(?:y|ies)(?: recognition)?|\bner\b|token classification|part[ -]of[ -]speech|\bpos tagging",
     ("token-classification",)),
    (r"(?<!visual )(?<!document )(?<!table )question[ -]answering|\bqa\b|answer(?:ing)? questions",
     ("question-answering",)),
    (r"summari[sz](?:ation|e|ing|er)s?|summar(?:y|ies)", ("summarization",)),
    (r"translat(?:ion|e|ing|or|es)", ("translation",)),
    (r"text generation|generat(?:e|ing) text|(?:large )?language models?|\bllms?\b|chat ?bots?|chat models?|"
     r"causal (?:lm|language model)|code generation|coding assistant", ("text-generation",)),
    (r"fill[ -]mask|masked language model(?:l?ing)?|\bmlm\b", ("fill-mask",)),
    (r"zero[ -]shot (?:text )?classification|without (?:any )?(?:training|labell?ed) (?:data|examples)",
     ("zero-shot-classification",)),
    (r"image classification|classif(?:y|ying) images|image classifiers?", ("image-classification",)),
    (r"object detection|detect(?:ing)? objects|object detectors?", ("object-detection",)),
    (r"image segmentation|semantic segmentation|instance segmentation", ("image-segmentation",)),
    (r"speech recognition|speech[ -]to[ -]text|\basr\b|transcri(?:be|bing)|transcription", ("automatic-speech-recognition",)),
    (r"text[ -]to[ -]speech|\btts\b|speech synthesis|voice synthesis", ("text-to-speech",)),
    (r"text[ -]to[ -]image|image generation|generat(?:e|ing|es) (?:images|pictures|art|photos)|"
     r"(?:images?|pictures?|photos?) from (?:an? |the )?(?:text|prompts?|descriptions?|captions?)|"
     r"draw(?:s|ing)? (?:an? )?(?:images?|pictures?)|diffusion models?|stable diffusion",
     ("text-to-image",)),
    (r"text[ -]to[ -]video|video generation|generat(?:e|ing|es) (?:videos?|clips|animations?)|"
     r"(?:videos?|clips) from (?:text|prompts)", ("text-to-video",)),
    (r"image captioning|image[ -]to[ -]text|caption(?:ing)? images", ("image-to-text",)),
    (r"unconditional(?: image)?(?: generation)?|(?:images?|pictures?|photos?|art) without (?:being )?(?:given )?"
     r"(?:a |any )?(?:text )?(?:prompts?|conditioning)", ("unconditional-image-generation",)),
    (r"visual question answering|\bvqa\b|questions? about (?:(?:an?|the|my|this) )?(?:\w+ )?(?:images?|pictures?|photos?)",
     ("visual-question-answering",)),
    (r"table question answering|questions? (?:about|over|on) (?:a |the )?tables?", ("table-question-answering",)),
    (r"document question answering|questions? (?:about|over|on) (?:(?:an?|the|my|this) )?(?:\w+ )?"
     r"(?:documents?|invoices?|forms?|receipts?)",
     ("document-question-answering",)),
    (r"depth estimation", ("depth-estimation",)),
    (r"audio classification|sound classification", ("audio-classification",)),
    (r"reinforcement learning", ("reinforcement-learning",)),
    (r"tabular (?:classification|data)", ("tabular-classification",)),
    (r"time[ -]series(?: forecasting)?|forecasting", ("time-series-forecasting",)),
    (r"text2text|text[ -]to[ -]text|seq2seq", ("text2text-generation",)),
    (r"re-?rank(?:ing|ers?)?|cross[ -]encoders?|text ranking", ("text-ranking",)),
    (r"vision[ -]language|image[ -]text[ -]to[ -]text|multimodal", ("image-text-to-text",)),
)

# (pattern, predicate over lower-cased licence keys)
LICENCE_PATTERNS: tuple[tuple[str, Callable[[str], bool]], ...] = (
    (r"apache(?:[ -]?(?:2(?:\.0)?|v2))?(?:[ -]?licen[sc](?:e|ed|es))?", lambda k: k.startswith("apache")),
    (r"\bmit(?:[ -]licen[sc](?:e|ed))?\b", lambda k: k == "mit"),
    (r"\bbsd(?:[ -]?[23][ -]clause)?(?:[ -]licen[sc](?:e|ed))?\b", lambda k: k.startswith("bsd")),
    (r"\bagpl(?:[ -]?v?3(?:\.0)?)?\b", lambda k: k.startswith("agpl")),
    (r"\blgpl(?:[ -]?v?[23](?:\.\d)?)?\b", lambda k: k.startswith("lgpl")),
    (r"(?<![al])\bgpl(?:[ -]?v?[23](?:\.0)?)?\b", lambda k: k.startswith("gpl")),
    (r"\bcc[ -]?by[ -]?nc(?:[ -]?(?:sa|nd))?(?:[ -]?[34]\.0)?\b|non[ -]?commercial(?:ly)?", lambda k: k.startswith("cc-by-nc")),
    (r"\bcc[ -]?by[ -]?sa(?:[ -]?[34]\.0)?\b", lambda k: k.startswith("cc-by-sa")),
    (r"\bcc[ -]?by(?:[ -]?[34]\.0)?\b(?![ -]?(?:nc|sa|nd))", lambda k: k in ("cc-by-4.0", "cc-by-3.0")),
    (r"\bcc0\b", lambda k: k.startswith("cc0")),
    (r"open[ -]?rail(?:[ -]?\+\+|[ -]?m)?", lambda k: "openrail" in k),
    # a responsible-AI licence by its family's short name ("BigScience's RAIL licence": the owner names its own)
    # (with its licence word: "guard rails" are no licence)
    (r"(?<![\w-])rail[ -]licen[sc](?:e|ed|es)?\b", lambda k: "rail" in k),
    (r"llama[ -]?2[ -](?:community[ -])?licen[sc]e", lambda k: "llama2" in k or "llama 2" in k or "llama-2" in k),
    (r"llama[ -]?3(?:\.\d)?[ -](?:community[ -])?licen[sc]e", lambda k: "llama3" in k or "llama 3" in k or "llama-3" in k),
    (r"gemma[ -](?:terms|licen[sc]e)", lambda k: "gemma" in k),
    (r"\bunlicen[sc]e\b", lambda k: k == "unlicense"),
    (r"\bmpl(?:[ -]?2\.0)?\b|mozilla public licen[sc]e", lambda k: k.startswith("mpl")),
)
# (pattern, licence family or property in the licence vocabulary, predicate over lower-cased keys when the registry
# holds no licence concepts): the family's licences are read, not a list of ids (registry/search/concepts.py)
LICENCE_FAMILIES: tuple[tuple[str, str, Callable[[str], bool]], ...] = (
    (r"public[ -]domain(?:[ -]dedication)?|no rights reserved|\bno (?:licen[sc]e )?conditions(?: at all)?",
     "public-domain", lambda k: k.startswith(("cc0", "pddl")) or k in ("unlicense", "wtfpl")),
)
# what a question sets aside ("rather than with language, images or sound", "instead of writing freely", "but not anime
# style", ", not MIT ones"): up to the end of its sentence, a "but", or a comma opening a clause of its own (", for
# medical records", ", and work on contracts"; not a list's last item, ", and sound"); a concept whose words are only
# there is not asked for, nor is a constraint the rules read there (``understand.Understander.understand``)
_ASIDE_END = (r"[^.?!;:]*?(?=[.?!;:]|\s+but\b|"
              r",\s*(?:for|in|on|at|with|by|that|which|who|whose|so|because|while|whereas|though|although|"
              r"and\s+(?!\w+(?:\s+\w+)?\s*(?:[.?!;:]|$)))\b|$)")
SET_ASIDE = re.compile(r"(?:\b(?:rather\s+than|instead\s+of|other\s+than|as\s+opposed\s+to|but\s+not)\b|,\s*not\b)"
                       + _ASIDE_END, re.I)
# a bare "not" sets aside as far, when a value the rules read follows it ("not Apache or MIT": ``understand._asked``)
NOT_ASIDE = re.compile(r"\bnot\b" + _ASIDE_END, re.I)
# the verb putting models under a licence, right before its name ("released under the", "licensed with an"): the
# constraint's words too, not a topic to match (``Understander._licences_named``, ``searcher._named_licences``)
UNDER_VERB = r"\b(?:released|shared|published|distributed|licen[cs]ed|available|offered|made|put)\s+" \
             r"(?:available\s+|out\s+)?(?:under|with)\s+(?:the\s+|an?\s+)?"
UNDER_LICENCE = re.compile(UNDER_VERB + "$", re.I)
VERB_UNDER = re.compile(r"^\s*" + UNDER_VERB, re.I)  # the same verb where it begins a licence filter's words
UNDER_CHARS = 60  # how far before a licence's name its verb is looked for (its longest form is 38 letters)
# a question about the terms of use: a licence family named in it is a constraint, not a hint ("an open-source
# model" may only mean published weights; "under an open-source licence", "may I use it commercially" ask for terms)
# "terms" only as terms of use ("medical terms", "search terms" are words), "may I" only asking leave ("May I ask for
# ...", "may I have ..." are a polite frame)
LICENCE_TALK = re.compile(r"(?<!driving )(?<!driver's )(?<!drivers )(?<!driver’s )\blicen[cs](?:e|es|ed|ing)\b"
                          r"(?!\s+plates?\b)|\bterms\s+(?:of\s+(?:use|service)|and\s+conditions)\b|"
                          r"\b(?:licen[cs]e|licensing|usage|use|its|their|whose|same)\s+terms\b|"
                          r"\bunder\s+(?:[\w'’-]+\s+){0,3}terms\b|\bcommercial(?:ly)?\b|"
                          r"\bmay (?:i|we)\b(?!\s+(?:ask|have|get|see|know|request|suggest|find|please)\b)|"
                          # leave asked for someone ("may my company use", "may our start-up ship")
                          r"\bmay\s+(?:my|our)\s+(?:[\w'’-]+\s+){1,2}?(?:use|ship|sell|deploy|build|put|run|offer|"
                          r"include|embed|host|serve)\b|"
                          r"\b(?:allowed|permitted) to\b|\bcopyleft\b|\bpermissive\b", re.I)
# commercial use said in other words than "commercial": selling ("in what we sell", "products for sale"), charging
# ("a product I charge money for", "paying customers"), a product ("ship it in our product"), a business using it
# ("we are a German company", "my firm", "for our business"), revenue or profit, clients. Read only in a question about
# the terms of use (``LICENCE_TALK``, ``Searcher._commercial_use``): "We sell shoes. What makes product photos?" asks
# for no licence. A company named as such ("the company that made it") is no buyer: only the asker's own ("our", "my",
# "we are a", "as a") counts; nor is a negated use ("we do not sell it", "non-profit")
COMMERCIAL_USE = re.compile(
    r"\b(?:sells?|selling|sold|resell(?:s|ing)?|for\s+sale|commerciali[sz](?:e|es|ed|ing))\b|"
    r"\bcharg(?:e|es|ed|ing)\s+(?:\w+\s+)?(?:money|for|a\s+fee|fees|customers|users|clients)\b|"
    r"\bpaying\s+(?:customers|clients|users|subscribers)\b|"
    r"\b(?:in|into|inside|within|for|ship|shipping|build|building|put|putting|embed|embedding)\s+"
    r"(?:a|an|our|my|the|its|their)\s+(?:own\s+)?(?:\w+\s+)?products?\b"
    # (a product named as what a picture or text shows is no product the model goes into: "for our product photos")
    r"(?!\s+(?:photo|picture|image|shot|description|name|review|listing|page|categor|label|manual|catalog)\w*)|"
    r"\b(?:our|my|we\s+are\s+an?|we're\s+an?|i\s+run\s+an?|as\s+an?)\s+(?:(?!non-?profit\b)\w+\s+){0,2}?"
    r"(?:business(?:es)?|company|companies|firm|start[ -]?up|enterprise|employer|corporation|agency)\b|"
    # (revenue, income or profit the asker's or earned, not a quantity a model predicts: "predict income from census
    # data", "models for income prediction" ask for no licence)
    r"\b(?:make|makes|making|earn|earns|earning)\s+money\b|\bmoneti[sz](?:e|es|ed|ing)\b|"
    r"\b(?:our|my|generat(?:e|es|ed|ing)|earn(?:s|ed|ing)?|bring(?:s|ing)?\s+in)\s+(?:\w+\s+)?(?:revenue|income)\b|"
    r"(?<!not )(?<!not-)\bfor[ -]profit\b|\bprofitable\b|"
    r"\b(?:our|my|make|makes|making|turn|turns|turning)\s+(?:an?\s+)?profits?\b|"
    # (clients or customers the asker's, not a word describing a text: "for customer reviews", "customer churn")
    r"\b(?:our|my|for|to)\s+(?:\w+\s+)?(?:clients|customers|(?:client|customer)(?:\s+base)?(?!\s+[a-z]))\b"
    r"(?!\s+(?:service|support)\b)",
    re.I)
# a commercial use the question says it will not make ("we don't sell it", "never for profit", "without selling")
NOT_COMMERCIAL = re.compile(r"(?:\b(?:not|never|no|without|nothing)|n't)\s+(?:\w+\s+){0,2}$", re.I)
PERMISSIVE_HINT = r"permissive(?:ly)?(?: licen[sc](?:e|ed))?|(?<!non )(?<!non-)commercial(?:ly)?(?: use)?|business use|" \
                   r"free to use|open[ -]source licen[sc]e"

LANGUAGE_ALIASES = {**{name.lower(): code for code, name in LANGUAGE_NAMES.items()
                       if code not in ("multilingual", "mul")},
                    "deutsch": "de", "français": "fr", "francais": "fr", "español": "es", "espanol": "es",
                    "mandarin": "zh", "cantonese": "yue", "farsi": "fa", "brazilian": "pt", "bokmål": "nb",
                    "bokmal": "nb"}
# a language's name that is also a verb, read as the verb before its object ("polish my drafts", "polish the text")
LANGUAGE_VERBS = re.compile(r"\s+(?:my|the|your|our|their|his|her|its|a|an|up|off|it|them|this|these|those|some)\b")
VERB_LANGUAGES = frozenset({"polish"})
# "in plain English": the idiom for everyday words, said of what is asked in or answered, no language of a model
# (the text-to-SQL models a question "in plain English" asks for carry no language tag)
# (English only, the question's own language, and only "in plain": "in plain Spanish" asks for Spanish, "translate
# plain English text into German" from English)
IDIOM_BEFORE_LANGUAGE = re.compile(r"\bin\s+plain\s+$")
IDIOM_CHARS = 11  # "in plain " and some spaces: the look-behind reads this many characters before a language's name
IDIOM_LANGUAGES = frozenset({"english"})  # the languages whose name the idiom takes
MULTILINGUAL = (r"multi[ -]?lingual|cross[ -]?lingual|polyglot|(?:many|numerous|multiple)\s+languages|"
                r"(?:dozens|scores|hundreds|lots)\s+of\s+languages")

_TOOL_WORDS = r"(?:[ -](?:fine[ -]?tuning|training|trainer))?(?:[ -](?:tool|library|framework|toolkit))?"
LIBRARY_PATTERNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (r"sentence[ -]?transformers?(?! models?)|\bsbert\b", ("sentence-transformers",)),
    (r"(?<!sentence )(?<!sentence-)(?<!adapter-)(?<!adapter )\btransformers\b", ("transformers",)),
    (r"\bdiffusers\b", ("diffusers",)),
    (r"\bpeft\b", ("peft",)), (r"\blora\b", ("peft",)),
    (r"\bgguf\b|llama\.?cpp", ("gguf", "llama.cpp")),
    (r"\bonnx(?:runtime)?\b", ("onnx",)),
    (r"\bcore[ -]?ml\b", ("coreml",)), (r"tensorflow[ -]?lite|\btf[ -]?lite\b", ("tflite",)),
    (r"\bopenvino\b", ("openvino",)), (r"\bgptq\b", ("gptq",)), (r"\bawq\b", ("awq",)),
    (r"\bexl2\b|\bexllama(?:v2)?\b", ("exl2",)),
    (r"\bpytorch\b|\btorch\b", ("pytorch",)),
    (r"\btensorflow\b|\btf\b(?![ -]?idf\b)", ("tf", "tensorflow", "tf-keras")), (r"\bkeras\b", ("keras", "tf-keras")),
    (r"\bjax\b|\bflax\b", ("jax", "flax")),
    (r"\bspacy\b", ("spacy",)), (r"\bfastai\b", ("fastai",)), (r"\btimm\b", ("timm",)),
    (r"scikit[ -]learn|\bsklearn\b", ("sklearn", "scikit-learn")), (r"\bsetfit\b", ("setfit",)),
    (r"\bmlx\b", ("mlx",)), (r"\bmac ?books?\b|\bapple silicon\b|\bapple m[1-4]\b", ("mlx", "coreml")),
    (r"\bespnet\b", ("espnet",)), (r"\bspeechbrain\b", ("speechbrain",)),
    (r"\bnemo\b", ("nemo",)), (r"open[_ -]?clip", ("open_clip",)),
    (r"stable[ -]baselines ?3|\bsb3\b", ("stable-baselines3",)), (r"\bflair\b", ("flair",)),
    (r"\bfasttext\b", ("fasttext",)), (r"adapter[ -]transformers", ("adapter-transformers",)),
    # fine-tuning tools the Hub shows as tags ("trained with the Axolotl fine-tuning tool": the tag axolotl)
    (r"\baxolotl\b" + _TOOL_WORDS, ("axolotl",)), (r"\bunsloth\b" + _TOOL_WORDS, ("unsloth",)),
    # (Hugging Face's AutoTrain: the Hub tags what it trained autotrain; "autotrain_compatible" is another tag)
    (r"\bauto[ -]?train\b(?!_)" + _TOOL_WORDS, ("autotrain",)),
    # libraries, frameworks and weight formats the Hub shows as tags (a model shipping TensorFlow weights is tagged
    # tf, one trained with TRL trl): "Hugging Face's TRL library" is the tag trl
    (r"\btrl\b" + _TOOL_WORDS, ("trl",)), (r"\bsafe[ -]?tensors\b", ("safetensors",)),
    (r"\btensor[ -]?board\b", ("tensorboard",)), (r"\bpruna(?:[ -]?ai)?\b" + _TOOL_WORDS, ("pruna-ai",)),
    (r"\bpaddle[ -]?paddle\b", ("paddlepaddle",)), (r"\bllama[ -]?factory\b" + _TOOL_WORDS, ("llama-factory",)),
    (r"\bmerge[ -]?kit\b" + _TOOL_WORDS, ("mergekit",)),
    # the transformers library's training loop, whose cards are tagged generated_from_trainer ("the Hugging Face
    # Trainer", "the Trainer API"; "trainer" alone is a person or a tool's word), and Hugging Face's alignment recipes
    (r"\b(?:hugging[ -]?face(?:['’]s)?|transformers(?:['’]s?)?|hf)\s+trainer\b(?:\s+(?:class|api))?|"
     r"\btrainer\s+(?:class|api)\b", ("transformers-trainer",)),
    (r"\balignment[ -]handbook\b" + _TOOL_WORDS, ("alignment-handbook",)),
    (r"\bml[ -]agents\b", ("ml-agents",)), (r"\bctranslate2\b", ("ctranslate2",)), (r"\bgliner\b", ("gliner",)),
)

# Common ML acronyms and what they stand for: either form in a question is matched as the other too
# (docs/search.md, "Query understanding"). ``METHODS`` are the ones naming how a model was trained or built, not
# the job it does: their words ("reinforcement learning from human feedback") are read as no task and no name.
ACRONYMS: dict[str, tuple[str, ...]] = {
    # the training methods' acronyms and written-out names come from their concepts (``method_terms``)
    **{m.key: m.phrases for m in methods() if m.acronym},
    "rag": ("retrieval augmented generation",),
    "ner": ("named entity recognition",),
    "ocr": ("optical character recognition",),
    "tts": ("text to speech",),
    "asr": ("automatic speech recognition",),
    "stt": ("speech to text",),
    "vqa": ("visual question answering",),
    "nli": ("natural language inference",),
    "nlp": ("natural language processing",),
    "llm": ("large language model", "large language models"),
    "vlm": ("vision language model", "vision language models"),
    "gan": ("generative adversarial network", "generative adversarial networks"),
    "vae": ("variational autoencoder",),
    "cot": ("chain of thought",),
    "nerf": ("neural radiance field", "neural radiance fields"),
}
# (a method whose acronym is an everyday word, "spin", is read from its written-out names only)
METHODS = frozenset(m.key for m in methods() if m.acronym and not m.everyday)

EXPANSIONS: dict[str, tuple[str, ...]] = {
    "embedding": ("sentence similarity", "feature extraction", "sentence transformers", "semantic search"),
    "llm": ("large language model", "text generation", "causal"),
    "chatbot": ("chat", "conversational", "instruct", "assistant"),
    "chat": ("conversational", "instruct", "assistant"),
    "asr": ("automatic speech recognition", "transcription"),
    "ner": ("named entity recognition", "token classification"),
    "sentiment": ("sentiment analysis", "text classification", "polarity"),
    "summarization": ("summarisation", "summary"), "summarisation": ("summarization", "summary"),
    "summary": ("summarization", "summarisation"), "qa": ("question answering",),
    "tts": ("text to speech", "speech synthesis"), "ocr": ("optical character recognition", "text recognition"),
    "translation": ("translate", "machine translation"), "code": ("programming", "coder", "code generation"),
    "math": ("mathematics", "reasoning"), "quantized": ("gguf", "awq", "gptq", "4bit", "8bit"),
    "quantised": ("quantized", "gguf", "awq", "gptq"), "toxic": ("hate speech", "offensive", "moderation"),
    "toxicity": ("toxic", "hate speech", "offensive"), "medical": ("clinical", "biomedical", "health"),
    "clinical": ("medical", "biomedical"), "biomedical": ("medical", "clinical", "pubmed"),
    "legal": ("law",), "law": ("legal",), "financial": ("finance", "finbert"), "finance": ("financial",),
    # nouns and their adjectives (records tag one, people write the other)
    "medicine": ("medical", "clinical", "health"), "health": ("medical", "healthcare", "clinical"),
    "chemistry": ("chemical", "molecule"), "biology": ("biological", "biomedical"),
    "mathematics": ("math", "mathematical"), "mathematical": ("math", "mathematics"),
    "tweet": ("twitter", "social media"), "twitter": ("tweet", "social media"),
    "speech": ("audio",), "multilingual": ("cross lingual", "xlm"), "small": ("mini", "tiny", "distilled"),
    "tiny": ("small", "mini"), "distilled": ("distil", "distillation"), "vision": ("image", "visual"),
    "licence": ("license",), "license": ("licence",), "optimised": ("optimized",), "german": ("deutsch",),
}

# a word saying a count is approximate ("roughly seven billion parameters")
APPROX = r"(?:\b(?:roughly|about|around|approximately|approx\.?|circa|some|close to|nearly|more or less)|~|≈)"
SMALL = r"\b(?:small|tiny|lightweight|light[ -]weight|compact|mini|edge devices?|mobile|on[ -]device|cpu[ -]friendly)\b"
LARGE = r"\b(?:large|huge|big|frontier|enormous|gigantic|giant|massive|colossal|vast)\b"
# a count said to be approximate ("about ten billion", "roughly 7B") means the counts within this factor of it either
# way (log scale: 8B to 12.5B for ten billion, 5.6B to 8.75B for seven), ordered by how near they are (a "7B" Gemma
# holds 8.5B, a "32B" Qwen 32.8B; "a billion" rounded as written was 0.5B to 1.5B, "ten billion" 5B to 15B); those
# within ``APPROX_NEAR_SHARE`` of it are a boost, so they rank first where words decide the order
APPROX_FACTOR = 1.25
APPROX_NEAR_SHARE = 0.1
# a superlative of size asks for an order, not a band: the smallest first, the largest first
SMALLEST = r"\b(?:tiniest|smallest|littlest|lightest|most (?:compact|lightweight))\b"
LARGEST = r"\b(?:largest|biggest|hugest|heaviest)\b"
# a size class: a count named as a class, range or bracket ("the 24-billion-parameter class", "in the 7B range",
# "70B-class models"), read as the approximate count
SIZE_CLASS = (rf"(?:\b(?:in|of|from)\s+)?(?:the\s+)?{NUM}{PARAMS}[\s-]*"
              r"(?:size[\s-]+)?(?:class|range|bracket|tier|category|league|ballpark|band)\b")
RECENT = r"\b(?:recent|latest|newest|new|up[ -]to[ -]date)\b"
# beside a size written out, a verb placing the models in it ("Which models sit between 10 and 30 billion
# parameters?") and a vague count restating it ("a few hundred million parameters, between 100 million and one
# billion") are the constraint's words, not a topic (docs/search.md, "Query understanding")
SIZE_VERB = re.compile(r"\b(?:sit(?:s|ting)?|fall(?:s|ing)?|lie(?:s)?|lying|weigh(?:s|ing)?(?:\s+in)?|"
                       r"(?:comes?|coming)\s+in|land(?:s|ing)?|rang(?:es?|ing))\s+$")
VAGUE_COUNT = (r"\b(?:(?:a\s+)?(?:few|couple(?:\s+of)?)|several|some|many)?\s*\b(?:(?:hundreds?|tens|dozens?)\s+(?:of\s+)?)?"
               r"(?:thousand|million|billion|trillion)s?\s+(?:of\s+)?param(?:eter)?s\b")


SEPARATORS = str.maketrans("-_/", "   ")
# read from loose words ("vision", "chatbot", "embeddings"), these boost and never filter; a language
# is named exactly ("German") and filters leniently (models stating no language pass)
LOOSE_FACETS = frozenset({"task", "library"})
# facets whose values are other FDOs a model links to (what it was trained on, derives from, cites): a name read
# for one filters only when written as the registry spells it, or after "only"; else it ranks the linked first
LINK_FACETS = frozenset({"dataset", "base_model", "paper"})
# relation words before a name, and the facets that name is looked up in (in order)
# what was built, between "built" and "on" ("built something on top of X", "built models upon X"): no name
_BUILT_THING = r"(?:something|anything|things?|stuff|(?:an?\s+|their\s+own\s+|new\s+)?(?:models?|apps?|tools?|products?|versions?))"
# an adverb between a relation's verb and its preposition ("built directly on X", "derived largely from X", "trained
# further on Y"): a word ending in -ly, or one of the few that do not
LINK_ADVERB = r"(?:(?:[a-z]+ly|further|more|again|first|then|straight)\s+)?"
LINK_RELATIONS = (
    # (an adverb may come between: "trained further from X", "tuned again on Y"; not any -ly word: "tuned specifically
    # on sentences that contain negation" names no data set "sentences")
    (r"\b(?:(?:fine[ -]?)?tun(?:ed|ing)|finetun(?:ed|ing)|(?:pre-?)?train(?:ed|ing)|learn(?:ed|t|s)|taught)\s+"
     r"(?:(?:further|more|again|additionally|first|directly|initially|then)\s+)?(?:on|from|with|using)\b",
     ("dataset", "base_model")),
    (rf"\b(?:extend(?:s|ed|ing)?|(?:build(?:s|ing)?|built)\s+(?:{_BUILT_THING}\s+)?{LINK_ADVERB}(?:on|upon)(?:\s+top\s+of)?|"
     rf"start(?:s|ed|ing)?\s+{LINK_ADVERB}from|based\s+{LINK_ADVERB}on|derived?\s+{LINK_ADVERB}from|"
     rf"descend(?:s|ed|ing)?\s+{LINK_ADVERB}from|"
     rf"(?:made|created|produced|developed)\s+{LINK_ADVERB}(?:from|out\s+of)|"
     r"(?:compressed|quanti[sz]ed|pruned|shrunk|distill?ed|merged|slimmed)\s+(?:versions?\s+|variants?\s+)?"
     r"(?:of|from))\b", ("base_model",)),
    (r"\b(?:cit(?:e|es|ed|ing)|point(?:s|ing)?\s+to|link(?:ed|s)?\s+to|come(?:s)?\s+with|referenc(?:e|es|ed|ing)|"
     r"describ(?:ed|es)\s+in|introduced\s+in|accompan(?:y|ies|ied)|go(?:es)?\s+with)\b", ("paper",)),
)
# "sound" as the verb "to seem" ("trained to sound more like a person", "sounds natural"): no sound, no audio
# after an article or a verb making or hearing it, "sound" is the noun ("a sound like rain", "generate sounds like
# birds", "detect sounds like sirens"): what is heard
_SOUND_NOUN_BEFORE = """a an the any some each every this these those make makes making produce produces producing
generate generates generating create creates creating detect detects detecting classify classifies classifying
recognise recognises recognize recognizes identify identifies""".split()
SOUND_AS_SEEM = re.compile("".join(rf"(?<!\b{w}\s)" for w in _SOUND_NOUN_BEFORE) +
                           r"\bsound(?:s|ed|ing)?\s+(?:(?:much|a\s+bit|a\s+lot)\s+)?(?:more\s+|less\s+)?"
                           r"(?:like\b|natural|human|real|friendl|polite|formal|casual|smart|confident)", re.I)
# a paper named by its words: "the Sentence-BERT paper", "the paper on LoRA", an arXiv id
PAPER_PHRASES = (r"\b(?:the\s+)?([\w][\w .:\-/]{1,80}?)\s+(?:paper|article|publication)\b",
                 r"\b(?:paper|article|publication)\s+(?:on|about|called|titled|named)\s+[\"“']?([\w][\w .:\-/]{1,80})",
                 # an arXiv id, written alone or after "arXiv", "arXiv paper", "paper", "preprint"
                 r"(?:\barxiv(?:\s+(?:paper|preprint|id))?\s*[: ]\s*|\b(?:paper|preprint)\s+)?"
                 r"(?<![\w.])(\d{4}\.\d{4,5})(?:v\d+)?(?![\w]|\.\d)")
# words that describe what a linked name is, not part of it ("the Alpaca instructions", "Common Voice recordings")
LINK_NOUNS = frozenset("""the a an this that plain original base basic paper papers article publication arxiv preprint dataset
datasets data corpus corpora collection set benchmark instructions instruction recordings recording pairs pair
preference preferences samples examples images pictures photos texts text questions answers conversations
dialogues chats documents clips videos model models version versions variant variants checkpoint checkpoints weights
""".split())
# where a name stops: a clause, a topic ("for finance"), a negation ("not the chat version")
# (a stop word inside a name's hyphens is the name's: "image-to-video", "sd-for-anime"; ``(?<![\w-])``, not ``\b``)
LINK_STOP = re.compile(r"[,;?!()]|\.(?:\s|$)|(?<![\w-])(?:for|that|which|who|whose|with|and|or|but|not|to|in|into|"
                       r"about|are|is|were|was|have|has|do|does|deal|deals|can|could|made|by)(?![\w-])")
# a sentence ends at ".", ",", ";", but not at a dot inside a word ("Apache-2.0", "v1.5")
EXPLICIT = re.compile(r"\b(?:only|must|exclusively|strictly|solely|required?)\b(?:[^.,;]|\.(?=\w)){0,30}$")


# ------------------------------------------------------------ the shape of a question
# Attribute -> patterns that ask for it.
ATTRIBUTES: dict[str, str] = {
    "licence": r"licen[cs]e[sd]?|licensing|terms of use|commercial(?:ly)?|open[ -]source|permissive|"
               r"\b(?:apache|mit|gpl|agpl|lgpl|bsd|cc[ -]by|openrail)\b",
    "task": r"\btasks?\b|what (?:is|are) (?:it|they|\S+) (?:for|used for)|what does \S+ do|pipeline",
    "datasets": r"trained on|training (?:data|set|corpus)|datasets?|corpus|corpora|data (?:was|were) used",
    "evaluation": r"evaluat\w*|benchmark\w*|accuracy|score[sd]?|metric\w*|perform\w*|results?\b|\bf1\b|"
                  r"\bwer\b|rouge|bleu|leaderboard",
    "size": r"\bsize\b|how (?:big|large|small)|parameters?|\bparams?\b|smallest|largest|biggest|tiniest|hugest|littlest",
    "base": r"based on|fine[ -]?tuned from|derived from|base model|parent|quantized from|quantised from|"
            r"adapter of|merged from|lineage|comes from|built on|originat\w*",
    "derivatives": r"fine[ -]?tunes? of|fine[ -]?tuned (?:versions?|models?)|derivatives?|children|descendants|"
                   r"quantized (?:versions?|models?)|quantised (?:versions?|models?)|adapters? (?:for|of)|"
                   r"built on top|based on it|(?:models?|which) (?:are |is )?(?:fine[ -]?tuned|derived) from",
    "paper": r"papers?|publications?|arxiv|cite|citation|published in|article",
    "author": r"who (?:made|created|built|trained|published|released|shares|shared|maintains)|authors?|"
              r"organi[sz]ation|publisher|shared by",
    "downloads": r"downloads?|popular\w*|most used|likes",
    "languages": r"languages?|multilingual|which language",
    "library": r"librar(?:y|ies)|framework|transformers library|run (?:it|this) with",
}
ATTRIBUTE_RES = {name: re.compile(p, re.I) for name, p in ATTRIBUTES.items()}

COMPARE = [
    re.compile(r"\bcompare\s+(?P<a>.+?)\s+(?:and|with|to|vs\.?|versus|against)\s+(?P<b>.+?)\s*[?.!]*$", re.I),
    re.compile(r"\b(?:differences?|difference)\s+between\s+(?P<a>.+?)\s+and\s+(?P<b>.+?)\s*[?.!]*$", re.I),
    re.compile(r"^(?:how does\s+)?(?P<a>.+?)\s+(?:vs\.?|versus|compared (?:to|with))\s+(?P<b>.+?)\s*[?.!]*$", re.I),
    re.compile(r"\bhow does\s+(?P<a>.+?)\s+(?:compare|differ)\s+(?:to|with|from)\s+(?P<b>.+?)\s*[?.!]*$", re.I),
    re.compile(r"\b(?:which is|what is|which one is)\s+(?:better|smaller|larger|bigger|more \w+)\s*[,:]?\s*"
               r"(?P<a>.+?)\s+or\s+(?P<b>.+?)\s*[?.!]*$", re.I),
]
# "which models are fine-tuned from X": the question asks for children, not for X's base.
CHILDREN = re.compile(r"\b(?:models?|which|what|any)\b(?:\s+\w+){0,2}\s+(?:are|is|were|was|have been)\s+"
                      rf"(?:fine[ -]?tuned|derived|quantized|quantised|based|built|adapters?)\s+{LINK_ADVERB}(?:from|on|of)\b|"
                      # "the models built on X", "models based on X" (not "trained on": that is data)
                      rf"\bmodels\s+(?:fine[ -]?tuned|derived|based|built|made)\s+{LINK_ADVERB}(?:from|on|upon)\b|"
                      # "What has been made from X?"
                      r"\bwhat\s+(?:has|have)\s+been\s+(?:made|built|derived|fine[ -]?tuned|created)\s+"
                      r"(?:from|on|out of)\b",
                      re.I)
LIST = re.compile(r"\b(?:which|list|show|find|recommend|suggest|any|what)\b.*\bmodels?\b|"
                   r"\bmodels?\s+(?:for|that|which|"
                   r"trained|fine|with|under|from)\b|\b(?:recommend|suggest)\b", re.I)
ANAPHORA = re.compile(r"\b(?:it|its|it's|this model|that model|this one|that one|they|them|their|these|those|"
                       r"the same|both|the first|the second|the latter|the former)\b", re.I)
# a quoted phrase; a straight apostrophe quotes only outside a word: the ones of "I'm ... I'd" are no quote marks
QUOTED = re.compile(r"(?:[\"“”`]|(?<!\w)')([^\"“”'`]{2,80})(?:[\"“”`]|'(?!\w))")
# Names written the way model ids are: org/name, or a token with digits or separators (gpt-5, t5-small).
ORG_NAME = re.compile(r"(?<![\w/.-])([A-Za-z0-9][\w.-]*/[A-Za-z0-9][\w.-]*)(?![\w/-])")
NAME_TOKEN = re.compile(r"(?<![\w/.-])([A-Za-z][\w]*(?:[-_.][\w]+)+|[A-Za-z]+\d[\w]*|\d+[A-Za-z][A-Za-z]+[\w]*)"
                         r"(?![\w/-])")
# Tokens shaped like names that are not names: sizes, versions, years, common compounds.
NOT_A_NAME = re.compile(r"^(?:\d+(?:\.\d+)?[kmbt]b?|v\d+(?:\.\d+)*|\d{4}s?|"
                         r"(?:apache|gpl|lgpl|agpl|mpl|cc|cc0|bsd|epl|afl|ecl|artistic|openrail|creativeml|bigscience|"
                         r"bigcode|cdla|odc|pddl|osl|eupl|bsl|ms|wtfpl)[-.][\w.+-]*|[a-z]+-(?:based|tuned|trained|source|"
                         r"of-the-art|to-\w+|like|free|level|scale|specific|friendly|language|commercial|domain|shot|"
                         r"end|quality|purpose|time|world|date|wise|aware)|e\.g|i\.e|etc|fine-tune[ds]?|"
                         r"(?:non|pre|multi|cross|self|semi|zero|few|one)-\w+|state-of-the-art|open-source|"
                         r"question-answering|text-\w+|\w+-generation|\w+-classification|\w+-recognition|"
                         r"\w+-to-\w+|\w+-ml|co2|ml|gpt-like)$", re.I)

# Words of common ML terms written like names ("encoder-decoder", "mixture-of-experts", "long-context"): a token made
# only of these (and stopwords) is a technical term, not a model's name (``understand.read``, docs/search.md)
ML_TERM_WORDS = frozenset(w for phrases in ACRONYMS.values() for p in phrases for w in p.split()) | frozenset("""
encoder decoder encoders decoders only attention precision context rank state space expert experts mixture sparse
dense head heads layer layers token tokens weight weights transformer transformers vision language text image audio
speech video multi modal multimodal instruction instructions tuned tuning fine pre post training trained learning shot
few zero self supervised unsupervised semi half full mixed quantization quantisation quantized quantised distillation
distilled open source long short term memory convolutional recurrent neural network networks diffusion latent
autoregressive masked causal sequence bidirectional reward preference policy retrieval augmented generation chain
thought in to on the and for with based low high resolution bit bits float integer grained coarse end gated
activation feed forward residual native merged merge
""".split())

QUESTION_STOPWORDS = frozenset("""
a about above after again all also am an and any are as at be because been before being between both but by
can could did do does doing down during each few for from further had has have having he her here hers him his
how i if in into is it its itself just me more most my no nor not of off on once only or other our out over own
same she should so some such than that the their them then there these they this those through to too under
until up very really quite rather extremely truly was we were what when where which while who whom why will with would
you your yours please tell
show give list find me know let lets let's get got there's what's which's it's i'm can't don't doesn't isn't
""".split())
# Words that say "this is a question to the registry" but carry no topic of their own.
GENERIC = frozenset("""
model models registry registries fdo fdos ml machine learning ai hub hugging face huggingface recommend recommended
suggest suggestion best good better great top use used using want need looking look like something anything one
ones available exist exists existing kind kinds type types thing things compare comparison difference differences
versus vs describe description explain information info details detail say says record records recorded
answer question many much number count hold holds offer offers work works working
meant intended example
""".split())
# a job (its doer read as the job: "classifiers" -> classification) for a language's data named after it ("for Spanish
# text"): the medium and the job make the task's name ("text classification")
JOB_FOR_LANGUAGE = re.compile(r"\b(?P<job>[a-z]+(?:ion|ing))\s+(?:for|of|on|in)\s+(?P<language>[a-z]+)\s+"
                              r"(?P<medium>[a-z]+)\b")
# What joins two language names into a translation direction ("German into English", "French to Spanish")
DIRECTION = re.compile(r"\s*(?:in)?to\s*$")
# Words that keep their meaning at the start of a question: they state a constraint, not the frame.
KEEP_IN_FRAME = frozenset("only must not no without never exclusively strictly solely".split())
WORD = re.compile(r"[a-z0-9]+(?:[.'][a-z0-9]+)*")

# ---------------------------------------------------------------- what a record states (the ``states`` facet)
# "Which models have a DOI?", "... state how much CO2 was emitted ...", "... ship with a custom licence of their own":
# a question about the presence of a field, read as the ``states`` facet (keys: facets.STATED_LABELS). A field's
# words alone are no such question where they are everyday words (a paper, a licence, a base model): a verb of
# having or stating (``STATING_VERB``) must come before them, within ``STATING_CHARS``, and a determiner before the
# noun says the field, not one named ("the LoRA paper", "Llama 2 as their base model")
STATING_CHARS = 40
STATING_VERB = re.compile(r"\b(?:ha(?:ve|s|ving)|stat(?:e|es|ed|ing)|giv(?:e|es|ing)|name[sd]?|naming|lists?|listing|"
                          r"carr(?:y|ies|ying)|come|comes|coming|ships?|shipping|shipped|includ(?:e|es|ing)|"
                          r"report(?:s|ed|ing)?|record(?:s|ed|ing)?|declar(?:e|es|ed|ing)|provid(?:e|es|ed|ing)|"
                          r"publish(?:es|ed|ing)?|mention(?:s|ed|ing)?|cit(?:e|es|ed|ing)|with|without|lack(?:s|ing)?|"
                          r"missing|document(?:s|ed|ing)?|disclos(?:e|es|ed|ing)|say|says|said|tell|tells)\b")
_SOME = r"(?:\b(?:a|an|any|some|their|its|a\s+proper|an\s+official|a\s+published)\s+)"
STATED_FIELDS: tuple[tuple[str, re.Pattern, bool], ...] = (
    # (key, the field's words, whether a verb of stating must come before them)
    ("doi", re.compile(r"\bdois?\b|\bdigital object identifiers?\b"), False),
    ("emissions", re.compile(r"(?:\b(?:co2|co₂|carbon)(?:[\s-]*(?:eq(?:uivalent)?|e))?(?:\s+(?:emissions?|footprint|"
                             r"output|cost))?\b|\b(?:greenhouse[\s-]gas|training)\s+emissions?\b|\bemissions\b|"
                             r"\bemitted\b)"), False),
    ("custom_licence", re.compile(r"\b(?:custom|bespoke|non-?standard|proprietary|home-?made|own)\s+licen[cs]es?"
                                  r"(?:\s+of\s+(?:their|its)\s+own)?\b|"
                                  r"\blicen[cs]es?\s+of\s+(?:their|its)\s+own\b|\blicen[cs]e[ds]?\s+as\s+[\"“']?other\b"),
     False),
    ("no_licence", re.compile(r"\b(?:no|without\s+(?:a|any)|lack(?:s|ing)?\s+(?:a|any)|missing\s+(?:a|any)?)\s*"
                              r"licen[cs]es?\b"), False),
    ("licence", re.compile(_SOME + r"licen[cs]es?\b(?!\s+(?:that|which|allowing|permitting|for|to|like|such|"
                           r"compatible|of)\b)"), True),
    ("paper", re.compile(_SOME + r"(?:research\s+|scientific\s+|arxiv\s+)?(?:papers?|publications?|preprints?|"
                         r"arxiv\s+ids?)\b(?!\s+(?:on|about|by|called|named|titled)\b)"), True),
    ("base_model", re.compile(_SOME + r"base\s+models?\b"), True),
    ("dataset", re.compile(_SOME + r"training\s+(?:data(?:\s*sets?)?|corpus|corpora)\b"), True),
    ("evaluation", re.compile(r"\b(?:evaluation|eval|benchmark|test)\s+(?:results?|scores?|figures|numbers|metrics)\b|"
                              r"\bhow\s+(?:well|they)\s+(?:they\s+)?scored?\b"), True),
    ("card", re.compile(_SOME + r"(?:model\s+cards?|readme)\b"), True),
)
# emissions "of" something other than the models' training ("the carbon emissions of machine learning"): a subject
EMISSIONS_OF = re.compile(r"[\w₂]*(?:[\s-]+(?:eq\w*|e))?(?:\s+(?:emissions?|footprint|output|cost))?\s+of\s+"
                          r"(?!their\b|its\b|training\b|the\s+training\b)")
# "rather than one of the standard ones": the words saying what a custom licence is not, part of its reading
STANDARD_ONES = re.compile(r"\s*,?\s*(?:rather|instead)\s+(?:than|of)\s+(?:one\s+of\s+)?(?:the\s+|a\s+)?"
                           r"(?:standard|usual|common|open|known)\s+(?:ones?|licen[cs]es?)\b")
