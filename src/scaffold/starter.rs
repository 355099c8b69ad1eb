//! The words of a new help center: settings, two categories and two
//! articles per language, each article showing a component writers use
//! every day (an alert, steps, details). English and French are written
//! out; any other language starts from the English text, to translate.

/// One language's starter files: path from the site folder → text.
pub(super) fn language_files(code: &str) -> Vec<(String, String)> {
    let words = if code.starts_with("fr") { &FRENCH } else { &ENGLISH };
    let root = format!("content/{code}");
    vec![
        (format!("{root}/{}/_index.md", words.start_folder), words.start_category.to_string()),
        (format!("{root}/{}/{}.md", words.start_folder, words.first_file), words.first_article.to_string()),
        (format!("{root}/{}/_index.md", words.account_folder), words.account_category.to_string()),
        (format!("{root}/{}/{}.md", words.account_folder, words.second_file), words.second_article.to_string()),
        (format!("i18n/{code}.ftl"), words.strings_override.to_string()),
    ]
}

pub(super) fn settings(codes: &[String]) -> String {
    let titles: String = codes
        .iter()
        .map(|c| format!("  {c}: {}\n", if c.starts_with("fr") { "Centre d’aide" } else { "Help Centre" }))
        .collect();
    let languages: String = codes.iter().map(|c| format!("  - {c}\n")).collect();
    format!(
        "# Settings of this help center. Every setting is optional; Phare's README
# (\"site.yaml reference\") lists them all.

# The name shown in the header and the browser tab, per language.
title:
{titles}
# The address the site is published at. Needed for canonical links,
# hreflang and the sitemap; leave it out while you try things.
# base_url: https://help.example.org/

# The first language is the default one: the one translations are made from.
languages:
{languages}
# Where `phare build` writes the site.
output: public

# What a reader sees when an article is not translated yet: `banner`
# shows the original with a notice, `omit` leaves it out.
missing_translation: banner
"
    )
}

pub(super) const GITIGNORE: &str = "# What `phare build` writes\n/public/\n";

struct Words {
    start_folder: &'static str,
    start_category: &'static str,
    first_file: &'static str,
    first_article: &'static str,
    account_folder: &'static str,
    account_category: &'static str,
    second_file: &'static str,
    second_article: &'static str,
    strings_override: &'static str,
}

const ENGLISH: Words = Words {
    start_folder: "getting-started",
    start_category: "---
title: Getting started
description: Everything you need on your first visit.
order: 1
translation_key: cat-getting-started
---
",
    first_file: "create-an-account",
    first_article: "---
title: Create an account
description: Open your account in a few minutes with your email address.
translation_key: create-an-account
order: 1
---

You need an account to follow your requests and get answers by email.

:::note
Keep your email address at hand: we send you a link to confirm it.
:::

## Open your account

::::steps
:::step Go to the sign-up page
Select **Create an account** at the top of any page.
:::
:::step Enter your email address
Choose a password of at least 12 characters.
:::
:::step Confirm your address
Open the email we sent you and select the link in it. The link works for 24 hours.
:::
::::
",
    account_folder: "account",
    account_category: "---
title: Your account
description: Keep your account details up to date.
order: 2
translation_key: cat-account
---
",
    second_file: "change-your-email",
    second_article: "---
title: Change your email address
description: Use a new email address for messages and signing in.
translation_key: change-your-email
order: 1
---

You can change the address we write to at any time, in **Account settings**.

:::warning
Until you confirm the new address, messages still go to the old one.
:::

:::details I no longer have access to my old address. What do I do?
Contact us from your new address and tell us the old one. We check that the account is yours before changing it.
:::
",
    strings_override: "# Your own words for this language: any message of Phare's built-in
# i18n/en.ftl can be replaced here, one line each, for example:
# footer-home = Help home
",
};

const FRENCH: Words = Words {
    start_folder: "premiers-pas",
    start_category: "---
title: Premiers pas
description: Tout ce qu’il faut pour votre première visite.
order: 1
translation_key: cat-getting-started
---
",
    first_file: "creer-un-compte",
    first_article: "---
title: Créer un compte
description: Ouvrez votre compte en quelques minutes avec votre adresse courriel.
translation_key: create-an-account
order: 1
---

Un compte vous permet de suivre vos demandes et de recevoir nos réponses par courriel.

:::note
Gardez votre adresse courriel à portée de main\u{a0}: nous vous envoyons un lien pour la confirmer.
:::

## Ouvrir votre compte

::::steps
:::step Allez à la page d’inscription
Sélectionnez **Créer un compte** en haut de n’importe quelle page.
:::
:::step Entrez votre adresse courriel
Choisissez un mot de passe d’au moins 12\u{a0}caractères.
:::
:::step Confirmez votre adresse
Ouvrez le courriel que nous vous avons envoyé et sélectionnez le lien qu’il contient. Le lien fonctionne pendant 24\u{a0}heures.
:::
::::
",
    account_folder: "compte",
    account_category: "---
title: Votre compte
description: Gardez les renseignements de votre compte à jour.
order: 2
translation_key: cat-account
---
",
    second_file: "changer-votre-courriel",
    second_article: "---
title: Changer votre adresse courriel
description: Utilisez une nouvelle adresse pour nos messages et pour vous connecter.
translation_key: change-your-email
order: 1
---

Vous pouvez changer l’adresse à laquelle nous vous écrivons à tout moment, dans **Paramètres du compte**.

:::warning
Tant que vous n’avez pas confirmé la nouvelle adresse, les messages continuent d’arriver à l’ancienne.
:::

:::details Je n’ai plus accès à mon ancienne adresse. Que faire\u{202f}?
Écrivez-nous depuis votre nouvelle adresse en indiquant l’ancienne. Nous vérifions que le compte est bien le vôtre avant de la changer.
:::
",
    strings_override: "# Vos propres mots pour cette langue : tout message du fichier intégré
# i18n/fr.ftl de Phare peut être remplacé ici, une ligne chacun, par exemple :
# footer-home = Accueil de l’aide
",
};
