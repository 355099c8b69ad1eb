# Thème par défaut de Phare — textes de l’interface en français.
# Tous les textes affichés par les gabarits viennent de ce fichier.

## Langue et site

language-name = Français
site-title = Centre d’aide
# Titre de l’onglet des pages intérieures : « Réinitialiser votre mot de passe – Centre d’aide ».
document-title = { $page } – { $site }

## En-tête, pied de page et navigation

skip-to-content = Passer au contenu principal
language-switch-label = Langue
breadcrumbs-label = Fil d’Ariane
sidebar-title = Rubriques d’aide
sidebar-toggle = Parcourir les rubriques d’aide
sidebar-all-topics = Tous les sujets d’aide
sidebar-window = Articles { $from } à { $to } sur { $total }
sidebar-see-all = Tout voir
footer-back-to-top = Haut de la page
footer-home = Accueil du centre d’aide
footer-powered = Réalisé avec Phare
# At the foot of a printed page; the address and the date are filled in when printing.
print-source = Imprimé depuis { $address } le { $date }

## Page d’accueil

home-intro = Trouvez des réponses aux questions fréquentes et des instructions étape par étape.
home-other-articles = Autres articles
home-popular-title = Articles les plus consultés
home-topics-title = Parcourir par rubrique

## Page de rubrique

# En français, 0 et 1 sont au singulier (catégorie plurielle « one ») : « 0 article », « 1 article ».
category-article-count =
    { $count ->
        [one] { $count } article
       *[other] { $count } articles
    }
category-see-all =
    { $count ->
        [one] Voir l’article de cette rubrique
       *[other] Voir les { $count } articles de cette rubrique
    }
category-articles-title = Articles de cette rubrique
category-empty = Cette rubrique ne contient encore aucun article.

## Page d’article

updated-on = Mis à jour le { $date }
children-title = Dans cette section
toc-title = Sur cette page
tags-label = Mots-clés
pager-label = Articles précédent et suivant
pager-previous = Précédent
pager-next = Suivant

## Encadrés (alertes de style GitHub dans le contenu)

alert-note = Remarque
alert-tip = Conseil
alert-important = Important
alert-warning = Attention
alert-caution = Mise en garde

## Composants (codes courts dans le contenu)

alert-info = Info
alert-success = Réussite
alert-error = Erreur
alert-emergency = Urgence
# Entre l’étiquette d’un encadré et son titre : « Attention : Gardez vos codes en lieu sûr »
# (espace insécable avant les deux-points).
alert-label-separator = {"\u00A0"}:
# Résumé d’une section repliable dont l’auteur n’a pas donné de titre.
details-summary = Détails
# Petite étiquette au-dessus de chaque étape d’une procédure numérotée.
step-of = Étape { $index } sur { $count }
# Nom accessible de la rangée d’onglets.
tabs-label = Options
# Lien vers un contenu externe (vidéo, etc.) ; $host vaut par exemple youtu.be.
embed-open = Ouvrir sur { $host }
# $name est le nom du fichier, par exemple slides.pdf.
file-download = Télécharger { $name }

## Page introuvable

not-found-title = Page introuvable
not-found-text = La page que vous cherchez a peut-être été déplacée ou supprimée, ou son adresse est erronée.
not-found-check = Si vous avez saisi l’adresse vous-même, vérifiez qu’elle est bien orthographiée.
not-found-home = Aller à l’accueil du centre d’aide

## Page d’accueil bilingue (chaque langue avec ses propres mots, côte à côte)

landing-welcome = Trouvez des réponses et de l’aide pas à pas en français.
landing-enter = Continuer en français

## Traductions

# Le nom d’une langue, en français.
language-called =
    { $code ->
        [en] anglais
        [fr] français
       *[other] { $code }
    }
fallback-notice = Cette page n’est pas encore traduite en français : elle est présentée ci-dessous en { $language }.
fallback-original = Page originale (en { $language })
# À côté d’une langue dans le sélecteur de langue, dans cette langue.
switch-not-translated = (pas encore traduite)
switch-to-topic = (page de la rubrique)
switch-to-home = (page d’accueil)

## Service d’aide (organisation, contact, avis : `site.yaml`)

contact-title = Besoin d’aide supplémentaire ?
contact-phone = Appelez-nous :
contact-page = Nous joindre
feedback-question = Cette page vous a-t-elle été utile ?
feedback-link = Dites-le-nous
edit-page = Modifier cette page

## Anciennes adresses

redirect-title = Cette page a changé d’adresse
redirect-link = Aller à sa nouvelle adresse

## Aperçu (phare serve)

overlay-title = Le site n’a pas pu être reconstruit
overlay-hint = La dernière version qui fonctionnait est affichée en dessous. Corrigez les problèmes ci-dessous et enregistrez : cette page se rechargera d’elle-même.
overlay-first-title = Le site n’a pas pu être construit
overlay-first-hint = Rien ne peut être affiché tant que ces problèmes ne sont pas corrigés. Corrigez-les et enregistrez : cette page se rechargera d’elle-même.
preview-warnings-page = { $count ->
    [one] 1 avertissement sur cette page
   *[other] { $count } avertissements sur cette page
}
preview-warnings-site = { $count ->
    [one] 1 avertissement dans le site
   *[other] { $count } avertissements dans le site
}
preview-warnings-elsewhere = Ailleurs dans le site
outdated-notice =
    La version { $code ->
        [en] anglaise
        [fr] française
       *[other] originale
    } de cette page a été mise à jour le { $date } ; cette traduction ne reflète peut-être pas encore ces changements.
outdated-source-link =
    Lire la version { $code ->
        [en] anglaise
        [fr] française
       *[other] originale
    }


## Recherche (le champ de l’en-tête et la page de résultats)

search-label = Rechercher dans le centre d’aide
search-submit = Rechercher
search-title = Recherche
# Annoncé après chaque recherche et affiché au-dessus des résultats.
# En français, 0 et 1 sont au singulier.
search-count =
    { $count ->
        [one] { $count } résultat
       *[other] { $count } résultats
    }
# $query est ce que le lecteur a saisi (espaces insécables dans les guillemets).
search-none = Aucun résultat pour «{"\u00A0"}{ $query }{"\u00A0"}».
# Quand la langue du lecteur ne donne rien mais qu’une autre langue a des pages.
# $language est le nom d’une langue en français, tiré de language-called.
search-none-in = Aucun résultat en { $language }.
search-count-in =
    { $count ->
        [one] { $count } résultat en { $language }{"\u00A0"}:
       *[other] { $count } résultats en { $language }{"\u00A0"}:
    }
search-more = Plus de résultats
search-searching = Recherche en cours…
search-failed = La recherche n’a pas pu être chargée. Vérifiez votre connexion et réessayez.
search-needs-javascript = La recherche a besoin de JavaScript, qui est désactivé ou indisponible dans ce navigateur.
search-browse-topics = Vous pouvez parcourir les rubriques d’aide à la place{"\u00A0"}:
search-keyboard-hint = Les résultats s’affichent pendant la saisie. Parcourez-les avec les flèches du clavier.
