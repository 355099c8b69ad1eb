//! Articles written in other help centers' dialects (Liquid/Jekyll, GitBook,
//! Docusaurus/MDX, GitHub, raw HTML, VuePress) and in Phare's own component
//! syntax: each construct becomes a theme component, and none of its syntax
//! is left in the page's visible text. Checked by parsing the HTML.

mod common;

use common::{Fixture, Page, article, render};
use phare::Diagnostic;

/// Visible text of `main`, leaving out what is inside `code` and `pre`.
fn visible_text(page: &Page) -> String {
    let main = page.one("main");
    let mut text = String::new();
    for node in main.descendants() {
        let Some(piece) = node.value().as_text() else { continue };
        let in_code =
            node.ancestors().any(|a| a.value().as_element().is_some_and(|e| matches!(e.name(), "code" | "pre")));
        if !in_code {
            text.push_str(piece);
        }
    }
    text
}

/// No dialect syntax is shown as text in the article.
fn assert_no_leftovers(page: &Page) {
    let text = visible_text(page);
    for marker in ["{%", "%}", "{{", ":::", "\\{#", "{/*", "mdx-code-block", "{:"] {
        assert!(!text.contains(marker), "`{marker}` is left in the visible text:\n{text}");
    }
    for line in text.lines() {
        assert!(!line.trim_start().starts_with("import "), "an import line is visible: {line}");
    }
}

/// Builds the site and returns the page, failing on any warning.
fn build_clean(site: &Fixture, rel: &str) -> Page {
    let report = site.build();
    assert!(report.warnings.is_empty(), "unexpected warnings:\n{}", render(&report.warnings));
    site.page(rel)
}

fn file_name(d: &Diagnostic) -> String {
    d.file.file_name().unwrap().to_string_lossy().to_string()
}

fn classes(element: scraper::ElementRef<'_>) -> Vec<String> {
    element.value().classes().map(str::to_string).collect()
}

fn sel(css: &str) -> scraper::Selector {
    scraper::Selector::parse(css).unwrap()
}

fn text(element: scraper::ElementRef<'_>) -> String {
    element.text().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn phare_components_render_with_french_labels_and_nest_three_deep() {
    let site = Fixture::new("languages: [fr]\n");
    site.write("content/fr/aide/autre.md", &article("title: Clés de sécurité", "Une clé USB."));
    site.write("content/fr/aide/ecran.png", "png");
    site.write("content/fr/aide/codes.pdf", "pdf");
    let body = r#"Introduction.

:::warning Gardez vos codes secrets
Personne ne vous demandera **jamais** un code.
:::

:::details{open} Pourquoi une deuxième étape ?
Un mot de passe peut être volé.
:::

::::steps
:::step Ouvrez l'application
Touchez **+** pour ajouter un compte.
:::
:::step Scannez le code
:::tip
Si la caméra ne marche pas, saisissez la clé.
:::
:::
::::

:::::::tabs
::::::tab Android
:::::steps
::::step Ouvrez les réglages
:::caution
Ne redémarrez pas le téléphone.
:::
::::
:::::
::::::
::::::tab iPhone
Ouvrez **Réglages**, puis **Mots de passe**.
::::::
:::::::

::figure[L'application affiche un code]{src="ecran.png" alt="Un téléphone affichant 123 456"}

::embed[Vidéo : installer l'application]{url="https://video.example.org/installer"}

::file[Feuille à imprimer]{src="codes.pdf"}

:::cards
- [Autres clés](autre.md): pour aller plus loin
- [](autre.md)
:::

Fin de l'article.
"#;
    site.write("content/fr/aide/guide.md", &article("title: Guide", body));
    let page = build_clean(&site, "fr/aide/guide/index.html");

    let warning = page.one("main > div.alert.alert-warning");
    assert_eq!(classes(warning), ["alert", "alert-warning"]);
    assert_eq!(page.text_of("main > .alert-warning p.alert-title strong.alert-label"), "Attention");
    assert_eq!(page.text_of("main > .alert-warning .alert-heading"), "Gardez vos codes secrets");
    assert_eq!(page.text_of("main > .alert-warning strong:not(.alert-label)"), "jamais");

    assert_eq!(page.attrs("main > details.details[open]", "class"), ["details"]);
    assert_eq!(page.text_of("main > details.details > summary"), "Pourquoi une deuxième étape ?");
    assert_eq!(page.text_of("main > details.details .details-body"), "Un mot de passe peut être volé.");

    let steps = "main > ol.steps > li.step";
    assert_eq!(page.texts(&format!("{steps} > .step-label")), ["Étape 1 sur 2", "Étape 2 sur 2"]);
    assert_eq!(page.texts(&format!("{steps} > .step-title")), ["Ouvrez l'application", "Scannez le code"]);
    assert_eq!(page.text_of(&format!("{steps}:nth-child(2) .alert-tip .alert-label")), "Conseil");
    assert!(page.text_of(&format!("{steps}:nth-child(2) .alert-tip")).contains("saisissez la clé"));

    let panels = "main > div.tabs[data-tabs] > section.tab-panel";
    assert_eq!(page.texts(&format!("{panels} > p.tab-title")), ["Android", "iPhone"]);
    let nested = format!("{panels}:nth-of-type(1) > ol.steps > li.step > .step-body > div.alert.alert-caution");
    assert_eq!(page.text_of(&format!("{nested} .alert-label")), "Mise en garde");
    assert!(page.text_of(&nested).contains("Ne redémarrez pas le téléphone."));
    assert_eq!(page.text_of(&format!("{panels}:nth-of-type(1) .step-label")), "Étape 1 sur 1");
    assert_eq!(
        page.texts(&format!("{panels}:nth-of-type(2) > p:not(.tab-title) strong")),
        ["Réglages", "Mots de passe"]
    );

    assert_eq!(page.attr("main figure.figure img", "src"), "../../../fr/aide/ecran.png");
    assert_eq!(page.attr("main figure.figure img", "alt"), "Un téléphone affichant 123 456");
    assert_eq!(page.text_of("main figure.figure figcaption"), "L'application affiche un code");
    assert!(site.exists("fr/aide/ecran.png"));

    assert_eq!(page.attr("main .embed-card a", "href"), "https://video.example.org/installer");
    assert_eq!(page.text_of("main .embed-card .embed-open"), "Ouvrir sur video.example.org");
    assert_eq!(page.text_of("main .embed-card .embed-title"), "Vidéo : installer l'application");

    assert_eq!(page.attr("main .file-card a[download]", "href"), "../../../fr/aide/codes.pdf");
    assert!(text(page.one("main .file-card a")).contains("Télécharger codes.pdf"));
    assert_eq!(page.text_of("main .file-card .file-caption"), "Feuille à imprimer");

    assert_eq!(page.texts("main ul.cards li.card a.card-link"), ["Autres clés", "Clés de sécurité"]);
    assert_eq!(page.attrs("main ul.cards a.card-link", "href"), ["../../../fr/aide/autre/"; 2]);
    assert_eq!(page.texts("main ul.cards li.card p"), ["pour aller plus loin"]);
    assert_eq!(page.texts("main > p").last().unwrap(), "Fin de l'article.");
    assert_no_leftovers(&page);
}

fn liquid_site() -> Fixture {
    let site = Fixture::new("languages: [fr]\nbase_url: https://aide.example.org/sous/\n");
    site.write("content/fr/x.md", &article("title: Page X", "x"));
    site
}

#[test]
fn liquid_captures_includes_variables_raw_and_kramdown_classes_render() {
    let site = liquid_site();
    let body = r#"Titre : {{ page.title }}.

{% capture avertissement %}
Ne partagez **jamais** votre code.
{% endcapture %}
{% include alert.html type="warning" content=avertissement %}

{% capture astuce %}Gardez une copie papier.{% endcapture %}
{% include alert.html
   type="tip"
   content=astuce %}

Voir [la page X]({{ site.baseurl }}/fr/x/).

{% comment %}Note interne{% endcomment %}
- un
- deux
{: .number-list}

Fin.
"#;
    site.write("content/fr/jekyll.md", &article("title: Connexion par SMS", body));
    site.write("content/fr/brut.md", &article("title: Brut", "Écrivez {% raw %}{{ kept }}{% endraw %} tel quel.\n"));
    let page = build_clean(&site, "fr/jekyll/index.html");

    assert_eq!(page.texts("main > p").first().unwrap(), "Titre\u{a0}: Connexion par SMS.");
    let alert = page.one("main > div.alert.alert-warning");
    assert_eq!(classes(alert), ["alert", "alert-warning"]);
    assert_eq!(page.text_of("main > .alert-warning .alert-label"), "Attention");
    assert_eq!(page.text_of("main > .alert-warning p strong:not(.alert-label)"), "jamais");
    assert_eq!(page.text_of("main > .alert-tip .alert-label"), "Conseil");
    assert!(page.text_of("main > .alert-tip").contains("Gardez une copie papier."));
    assert_eq!(page.attr("main a:not(.card-link)", "href"), "../../fr/x/");
    assert_eq!(page.attrs("main ul", "class"), ["number-list"]);
    assert_eq!(page.texts("main ul.number-list > li"), ["un", "deux"]);
    assert!(!visible_text(&page).contains("Note interne"), "comments disappear");
    assert_no_leftovers(&page);

    let raw = site.page("fr/brut/index.html");
    assert_eq!(raw.text_of("main p"), "Écrivez {{ kept }} tel quel.");
    assert!(!visible_text(&raw).contains("raw"));
}

#[test]
fn liquid_include_without_template_fails_naming_the_template_then_uses_the_theme_one() {
    let site = liquid_site();
    let front = "title: Moyens\nmy_list:\n  - Appli\n  - SMS";
    let body = "Choisissez :\n\n{% include icon-list.html\n  items=page.my_list %}\n\nFin.\n";
    site.write("content/fr/moyens.md", &article(front, body));
    let problems = site.build_fails();
    assert_eq!(problems.len(), 1, "{}", render(&problems));
    let include_line = 1 + 4 + 1 + 3; // `---`, four front-matter lines, `---`, then the body's third line
    assert_eq!((file_name(&problems[0]), problems[0].line), ("moyens.md".to_string(), include_line));
    let hint = problems[0].hint.clone().unwrap_or_default();
    assert!(hint.contains("components/icon-list.html"), "{}", problems[0]);

    site.write(
        "themes/test/components/icon-list.html",
        r#"<ul class="icon-list">{% for i in attrs.items %}<li>{{ i }}</li>{% endfor %}</ul>"#,
    );
    let page = build_clean(&site, "fr/moyens/index.html");
    assert_eq!(page.texts("main ul.icon-list > li"), ["Appli", "SMS"]);
    assert_eq!(page.texts("main > p"), ["Choisissez\u{a0}:", "Fin."]);
    assert_no_leftovers(&page);
}

#[test]
fn gitbook_blocks_become_components_and_artefacts_disappear() {
    let site = Fixture::new("languages: [en]\n");
    site.write("content/en/guide/other.md", &article("title: Security keys", "x"));
    site.write("content/en/guide/pic.png", "png");
    site.write("content/en/guide/x.pdf", "pdf");
    let body = r#"# Receive codes by SMS

Intro text.

{% hint style="danger" %}
Never share a **code**.
{% endhint %}

{% stepper %}
{% step %}
Open the app.
{% endstep %}

{% step %}
Tap _Settings_.
{% endstep %}
{% endstepper %}

{% tabs %}
{% tab title="Android" %}
Use the menu.
{% endtab %}

{% tab title="iPhone" %}
Use the gear.
{% endtab %}
{% endtabs %}

## Before you start&#x20;

{% embed url="https://youtu.be/x" %}Setting up the app{% endembed %}

{% file src="x.pdf" %}

<div align="left"><figure><img src="pic.png" alt="Alt"><figcaption><p>Cap&#x20;</p></figcaption></figure></div>

After the figure.

Line one
\
Line two

{% content-ref url="other.md" %}
[other.md](other.md)
{% endcontent-ref %}
"#;
    site.write("content/en/guide/sms.md", body);
    let report = site.build();
    let file_line = body.lines().position(|l| l.starts_with("{% file")).unwrap() + 1;
    assert_eq!(
        report.warnings.iter().map(|w| (file_name(w), w.line)).collect::<Vec<_>>(),
        [("sms.md".to_string(), file_line)],
        "{}",
        render(&report.warnings)
    );
    assert!(report.warnings[0].message.contains("endfile"), "{}", report.warnings[0]);
    let page = site.page("en/guide/sms/index.html");

    assert_eq!(page.text_of("h1"), "Receive codes by SMS");
    assert!(page.all("main h1").is_empty());
    assert_eq!(classes(page.one("main > div.alert")), ["alert", "alert-error"]);
    assert_eq!(page.text_of("main > .alert-error .alert-label"), "Error");
    assert_eq!(page.text_of("main > .alert-error p strong:not(.alert-label)"), "code");
    assert_eq!(page.texts("main > ol.steps > li.step > .step-label"), ["Step 1 of 2", "Step 2 of 2"]);
    assert_eq!(page.texts("main > ol.steps > li.step > .step-body"), ["Open the app.", "Tap Settings."]);
    assert_eq!(page.texts("main > div.tabs > section.tab-panel > p.tab-title"), ["Android", "iPhone"]);
    assert_eq!(
        page.texts("main > div.tabs > section.tab-panel > p:not(.tab-title)"),
        ["Use the menu.", "Use the gear."]
    );
    assert_eq!(page.attr("main h2", "id"), "before-you-start");
    assert_eq!(page.texts("#toc a"), ["Before you start"]);
    assert_eq!(page.attr("main .embed-card a", "href"), "https://youtu.be/x");
    assert_eq!(page.text_of("main .embed-card .embed-title"), "Setting up the app");
    assert_eq!(page.attr("main .file-card a[download]", "href"), "../../../en/guide/x.pdf");

    assert_eq!(page.attr("main > figure.figure > img", "src"), "../../../en/guide/pic.png");
    assert_eq!(page.attr("main > figure.figure > img", "alt"), "Alt");
    assert_eq!(page.text_of("main > figure.figure > figcaption"), "Cap");
    assert!(page.all("main div[align]").is_empty());
    assert!(page.texts("main > p").contains(&"After the figure.".to_string()), "{}", page.text);
    let paragraphs = page.texts("main > p");
    assert!(paragraphs.contains(&"Line one".to_string()) && paragraphs.contains(&"Line two".to_string()));
    assert!(!visible_text(&page).contains('\\'), "no lone backslash is shown");
    assert!(!visible_text(&page).contains("&#x20;"));

    assert_eq!(page.texts("main ul.cards > li.card > a.card-link"), ["Security keys"]);
    assert_eq!(page.attr("main a.card-link", "href"), "../../../en/guide/other/");
    assert_eq!(page.attrs("main > *:last-child", "class"), ["cards"], "the card list is the last block");
    assert_no_leftovers(&page);
}

#[test]
fn docusaurus_mdx_admonitions_jsx_ids_partials_and_card_lists_render() {
    let site = Fixture::new("languages: [fr]\n");
    site.write("content/fr/a.md", &article("title: Page A", "a"));
    site.write("content/fr/docs/_part.mdx", "Texte **partagé** du partiel.\n");
    let body = r#"import Tabs from '@theme/Tabs';
import Part from './_part.mdx';

:::note
Une remarque simple.
:::

:::warning Titre d'avertissement
Texte d'avertissement.
:::

:::tip[Astuce titrée]
Texte d'astuce.
:::

::::info
Info extérieure.
:::caution
Prudence intérieure.
:::
::::

```mdx-code-block
<DocCardList items={[{type:'link', label:'A', href:'/fr/a/', description:'D'}]} />
```

<Note title="T">Contenu de la note.</Note>

<Danger>
Danger **fort**.
</Danger>

## Titre un \{#my-id}

## Autre {/* #other-id */}

<Part />

Voir <CloudLink to="https://x.org">le nuage</CloudLink>.

<Fancy>texte enfant</Fancy>
"#;
    site.write("content/fr/docs/connecteurs.mdx", &article("title: Connecteurs", body));
    let report = site.build();
    assert_eq!(report.warnings.len(), 1, "{}", render(&report.warnings));
    assert!(report.warnings[0].message.contains("Fancy"), "{}", report.warnings[0]);
    let page = site.page("fr/docs/connecteurs/index.html");

    let alerts: Vec<(String, String)> = page
        .all("main > div.alert")
        .into_iter()
        .map(|a| (classes(a)[1].clone(), text(a.select(&sel(".alert-title")).next().unwrap())))
        .collect();
    let expected = [
        ("alert-note", "Remarque"),
        ("alert-warning", "Attention : Titre d'avertissement"),
        ("alert-tip", "Conseil : Astuce titrée"),
        ("alert-info", "Info"),
        ("alert-note", "Remarque : T"),
        ("alert-error", "Erreur"),
    ];
    let expected: Vec<(String, String)> = expected.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
    assert_eq!(alerts, expected);
    assert!(page.text_of("main > .alert-info > .alert-caution").contains("Prudence intérieure."));
    assert_eq!(page.text_of("main > .alert-info > .alert-caution .alert-label"), "Mise en garde");
    assert!(text(page.all("main > div.alert")[4]).contains("Contenu de la note."));
    assert_eq!(page.text_of("main > .alert-error p strong:not(.alert-label)"), "fort");

    assert_eq!(page.texts("main ul.cards li.card a.card-link"), ["A"]);
    assert_eq!(page.attr("main ul.cards a.card-link", "href"), "../../../fr/a/");
    assert_eq!(page.texts("main ul.cards li.card p"), ["D"]);

    assert_eq!(page.attrs("main h2", "id"), ["my-id", "other-id"]);
    assert_eq!(page.texts("main h2"), ["Titre un", "Autre"]);
    assert_eq!(page.text_of("main > p > strong"), "partagé");
    assert!(page.texts("main > p").contains(&"Texte partagé du partiel.".to_string()));
    assert_eq!(page.attr("main a[href^='https://x.org']", "href"), "https://x.org");
    assert_eq!(page.text_of("main a[href^='https://x.org']"), "le nuage");
    assert!(page.texts("main p").contains(&"texte enfant".to_string()), "{}", page.text);
    assert!(!visible_text(&page).contains("Fancy"));
    assert_no_leftovers(&page);
}

#[test]
fn docusaurus_doc_card_list_alone_lists_the_other_articles_of_its_folder() {
    let site = Fixture::new("languages: [fr]\n");
    site.write("content/fr/cartes/un.md", &article("title: Premier\norder: 1\ndescription: Le début", "x"));
    site.write("content/fr/cartes/deux.md", &article("title: Second\norder: 2", "x"));
    site.write("content/fr/ailleurs/trois.md", &article("title: Ailleurs", "x"));
    let body = "import DocCardList from '@theme/DocCardList';\n\nTout sur les cartes.\n\n<DocCardList />\n";
    site.write("content/fr/cartes/liste.mdx", &article("title: Liste\norder: 3", body));
    let page = build_clean(&site, "fr/cartes/liste/index.html");
    let mut cards: Vec<(String, String)> = page
        .all("main ul.cards li.card a.card-link")
        .into_iter()
        .map(|a| (text(a), a.value().attr("href").unwrap().to_string()))
        .collect();
    cards.sort();
    assert_eq!(
        cards,
        [
            ("Premier".to_string(), "../../../fr/cartes/un/".to_string()),
            ("Second".to_string(), "../../../fr/cartes/deux/".to_string())
        ]
    );
    assert_eq!(page.texts("main ul.cards li.card p"), ["Le début"]);
    assert_no_leftovers(&page);
}

#[test]
fn github_alerts_use_the_same_component_markup_as_directives() {
    let site = Fixture::new("languages: [fr]\n");
    let mut body = String::new();
    for kind in ["note", "tip", "important", "warning", "caution"] {
        body.push_str(&format!(
            "> [!{}]\n> Style GitHub {kind}.\n\n:::{kind}\nStyle Phare {kind}.\n:::\n\n",
            kind.to_uppercase()
        ));
    }
    site.write("content/fr/a.md", &article("title: A", &body));
    let page = build_clean(&site, "fr/a/index.html");
    let alerts = page.all("main > div.alert");
    assert_eq!(alerts.len(), 10, "{}", page.text);
    for pair in alerts.chunks(2) {
        let (github, phare) = (pair[0], pair[1]);
        assert_eq!(classes(github), classes(phare));
        assert_eq!(github.value().attr("role"), phare.value().attr("role"));
        let title =
            |e: scraper::ElementRef<'_>| text(e.select(&sel("p.alert-title > strong.alert-label")).next().unwrap());
        assert_eq!(title(github), title(phare));
    }
    assert_eq!(
        alerts.iter().map(|a| text(a.select(&sel(".alert-label")).next().unwrap())).step_by(2).collect::<Vec<_>>(),
        ["Remarque", "Conseil", "Important", "Attention", "Mise en garde"]
    );
    assert!(page.all("main blockquote").is_empty());
    assert_no_leftovers(&page);
}

#[test]
fn html_details_become_the_details_component_and_other_html_passes_through() {
    let site = Fixture::new("languages: [fr]\n");
    let body = "<details>\n<summary><h3>Question?</h3></summary>\n\nUne réponse en **gras**.\n\n</details>\n\nAppuyez sur <kbd>Ctrl</kbd>.\n";
    site.write("content/fr/a.md", &article("title: A", body));
    let page = build_clean(&site, "fr/a/index.html");
    assert_eq!(page.attrs("main > details", "class"), ["details"]);
    assert_eq!(page.text_of("main > details.details > summary"), "Question?");
    assert_eq!(page.text_of("main > details.details .details-body strong"), "gras");
    assert!(page.all("main details[open]").is_empty());
    assert_eq!(page.text_of("main p > kbd"), "Ctrl");
    assert_no_leftovers(&page);
}

#[test]
fn vuepress_containers_with_a_space_after_the_colons_are_alerts() {
    let site = Fixture::new("languages: [fr]\n");
    let body = "::: tip Bon à savoir\nLe code change toutes les **30** secondes.\n:::\n\n::: warning\nAttention au code.\n:::\n";
    site.write("content/fr/a.md", &article("title: A", body));
    let page = build_clean(&site, "fr/a/index.html");
    let alerts = page.all("main > div.alert");
    assert_eq!(
        alerts.iter().map(|a| classes(*a)).collect::<Vec<_>>(),
        [["alert", "alert-tip"], ["alert", "alert-warning"]]
    );
    assert_eq!(page.text_of("main > .alert-tip .alert-label"), "Conseil");
    assert_eq!(page.text_of("main > .alert-tip .alert-heading"), "Bon à savoir");
    assert_eq!(page.text_of("main > .alert-tip p strong:not(.alert-label)"), "30");
    assert!(page.all("main > .alert-warning .alert-heading").is_empty());
    assert_no_leftovers(&page);
}

#[test]
fn unclosed_mismatched_and_unknown_blocks_are_all_reported_in_one_run() {
    let site = Fixture::new("languages: [fr]\n");
    site.write("content/fr/a.md", &article("title: A", "Intro.\n\n:::warning\nJamais fermé.\n"));
    site.write("content/fr/b.md", &article("title: B", "{% hint style=\"info\" %}\nTexte.\n{% endtabs %}\n"));
    site.write("content/fr/c.md", &article("title: C", "Intro.\n\n:::warnin\nTexte.\n:::\n"));
    let problems = site.build_fails();
    let shown = render(&problems);
    let errors: Vec<&Diagnostic> = problems.iter().filter(|d| d.is_error()).collect();
    let on = |file: &str, line: usize| errors.iter().filter(|d| file_name(d) == file && d.line == line).count() > 0;
    // Each body starts on line 4, after `---`, `title: …`, `---`.
    assert!(on("a.md", 6), "the unclosed `:::warning` is reported on its line:\n{shown}");
    assert!(on("b.md", 4), "the mismatched `{{% hint %}}` is reported on its line:\n{shown}");
    assert!(on("c.md", 6), "the unknown kind is reported on its line:\n{shown}");

    let unknown = errors.iter().find(|d| file_name(d) == "c.md" && d.line == 6).unwrap();
    assert!(unknown.message.contains("warnin"), "{unknown}");
    let known = unknown.hint.clone().unwrap_or_default();
    for kind in ["note", "info", "tip", "success", "important", "warning", "caution", "error", "danger", "emergency"] {
        assert!(known.contains(kind), "the hint lists `{kind}`: {known}");
    }

    let hint_error = errors.iter().find(|d| file_name(d) == "b.md" && d.line == 4).unwrap();
    assert!(hint_error.message.contains("endtabs"), "the error on the opening line names what was found:\n{shown}");
}

#[test]
fn a_warning_never_stops_the_build_but_strict_refuses_it() {
    let site = Fixture::new("languages: [fr]\n");
    site.write("content/fr/f.pdf", "pdf");
    site.write("content/fr/a.md", &article("title: A", "Le formulaire :\n\n{% file src=\"f.pdf\" %}\n\nFin.\n"));
    let report = site.build();
    assert_eq!(report.warnings.len(), 1, "{}", render(&report.warnings));
    assert_eq!((file_name(&report.warnings[0]), report.warnings[0].line), ("a.md".to_string(), 6));
    let page = site.page("fr/a/index.html");
    assert_eq!(page.attr("main .file-card a[download]", "href"), "../../fr/f.pdf");
    assert_eq!(page.texts("main > p"), ["Le formulaire\u{a0}:", "Fin."]);
    assert_no_leftovers(&page);

    let failure = phare::build(&site.options(), true).expect_err("strict mode fails on a warning");
    assert_eq!(failure.diagnostics.len(), 1, "{}", render(&failure.diagnostics));
    assert_eq!(failure.diagnostics[0].line, 6);
}

#[test]
fn nothing_inside_code_is_expanded() {
    let site = Fixture::new("languages: [fr]\n");
    let body = "Écrivez `{% hint style=\"info\" %}` ou `:::note` dans le texte.\n\n`:::tip` aussi.\n\n```markdown\n{% hint style=\"warning\" %}\nAttention\n{% endhint %}\n:::note\nRemarque\n:::\n```\n";
    site.write("content/fr/a.md", &article("title: A", body));
    let page = build_clean(&site, "fr/a/index.html");
    assert!(page.all("main .alert").is_empty(), "{}", page.text);
    assert_eq!(page.texts("main p > code"), ["{% hint style=\"info\" %}", ":::note", ":::tip"]);
    assert_eq!(
        page.text_of("main pre > code"),
        "{% hint style=\"warning\" %}\nAttention\n{% endhint %}\n:::note\nRemarque\n:::"
    );
    assert_no_leftovers(&page);
}

#[test]
fn footnotes_and_reference_links_work_across_components() {
    let site = Fixture::new("languages: [en]\n");
    site.write(
        "content/en/a.md",
        "---\ntitle: A\n---\nCharges may apply.[^1]\n\n## First\n\n:::note\nSee the [guide].\n:::\n\n## Second\n\n[guide]: https://example.org/guide\n\n[^1]: Depending on your plan.\n",
    );
    site.build();
    let page = site.page("en/a/index.html");
    assert_eq!(page.all("main sup.footnote-reference a").len(), 1, "the reference before the note is a footnote");
    assert!(!page.text_of("main").contains("[^1]"));
    assert_eq!(page.attr("main .alert a", "href"), "https://example.org/guide");
    assert_eq!(page.texts("#toc a"), ["First", "Second"]);
}
