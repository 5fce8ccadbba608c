// Regenerates bert-uncased-tokenizations.jsonl with HuggingFace tokenizers.js
// (npm package @huggingface/tokenizers 0.2.0):
//   node bert-uncased-tokenizations.mjs bge-small-en-v1.5-q-tokenizer.json > bert-uncased-tokenizations.jsonl
// Words with a final capital sigma are left out: JavaScript lowercases it to ς, the Rust
// tokenizers (and WordPieceTokenizer) to σ.
import { Tokenizer } from "@huggingface/tokenizers";
import fs from "fs";
const tj = JSON.parse(fs.readFileSync(process.argv[2]));
const tok = new Tokenizer(tj, {});
// seeded PRNG (mulberry32)
let s = 20240611; function rnd() { s |= 0; s = s + 0x6D2B79F5 | 0; let t = Math.imul(s ^ s >>> 15, 1 | s); t = t + Math.imul(t ^ t >>> 7, 61 | t) ^ t; return ((t ^ t >>> 14) >>> 0) / 4294967296; }
const pick = a => a[Math.floor(rnd() * a.length)];
const words = ["alice","Bob","vegetarian","preferences","tokenization","unbelievable","McDonald's","e-mail","COVID-19","naïve","café","Zürich","São","Paulo","résumé","coöperate","Ωmega","Straße","İstanbul","ΑΘΗΝΑ","москва","東京","北京市","한국어","ｆｕｌｌｗｉｄｔｈ","ﬁnance","x²","½","①","hello","world","the","of","running","jumped","antidisestablishmentarianism","pneumonoultramicroscopicsilicovolcanoconiosis","GPT-4o","C++","node.js","#hashtag","@mention","https://example.com/a?b=c","3.14159","$100","50%","2024-06-11","12:30pm","🙂","👍🏽","🇫🇷","\u200b","\u00ad","x\u0301","e\u0308","ǅ","ǆ","ß","ﬀ","…","—","“quoted”","‘single’","«guillemets»","¿qué?","¡sí!","日本語テキスト","カタカナ","ひらがな","ไทย","العربية","עברית","हिन्दी"];
const seps = [" ", " ", " ", "  ", "\t", "\n", "\u00a0", "\u3000", ", ", ". ", "! ", "? ", "-", "/", "\u0000", "\u0007", "\r\n", "\u2028", "\ufffd", "\ue000"];
const out = [];
for (let i = 0; i < 300; i++) {
  const n = 1 + Math.floor(rnd() * 12);
  let t = "";
  for (let j = 0; j < n; j++) t += pick(words) + (j < n - 1 ? pick(seps) : "");
  if (rnd() < 0.3) t = t.toUpperCase();
  const e = tok.encode(t);
  out.push(JSON.stringify({ text: t, ids: e.ids }));
}
process.stdout.write(out.join("\n") + "\n");
