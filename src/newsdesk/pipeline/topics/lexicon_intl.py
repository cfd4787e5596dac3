"""The commonest topic words of German, French, Spanish, Italian, Portuguese, Russian and Arabic.

Same notation as the English list (see ``lexicon``). Inflected languages lean on stems marked
with ``*``; Arabic words are written without the article and the one-letter prefixes, which the
tokenizer strips. ``UNIVERSAL`` holds names that read the same in every language.
"""

from __future__ import annotations

UNIVERSAL: dict[str, str] = {
    "technology": """
        iphone*:3 ipad*:3 android:3 ios:2 google:2 microsoft:3 samsung:2 facebook:2 twitter:1.5
        whatsapp:2 instagram:1.5 youtube:1 tiktok:1.5 smartphone*:3 software:3 chatgpt:3 openai:3
        """,
    "technology-ai": "chatgpt:2 openai:2",
    "business": "bitcoin:1 nasdaq:3 opec:3 ftse:3 dax:2 ceo:2 ipo:3",
    "science-space": "nasa:3 spacex:3",
    "health": "covid*:3 coronavirus*:3 ebola:3 hiv:3 oms:2",
    "health-outbreaks": "covid*:2 coronavirus*:2",
    "sports-football": "fifa:3 uefa:3 bundesliga:3",
    "sports": "fifa:2 uefa:2 nba:3 nfl:3 olymp*:2",
    "entertainment": "netflix:2 hollywood:3 oscar*:2 grammy*:3",
    "world": "nato:3 otan:3 hamas:2 hezbollah:2",
}

GERMAN: dict[str, str] = {
    "world": """
        ausland*:1.5 botschafter:2 diplomat*:2 vereinte_nationen:3 uno:2 nato:3 sanktion*:2
        flüchtling*:2 asyl*:2 grenze:1 außenminister*:3 gipfel*:1.5
        """,
    "world-conflict": """
        krieg*:2.5 armee:2 soldaten:2.5 militär*:2 truppen:2.5 angriff*:1.5 rakete*:2 waffenruhe:3
        waffenstillstand:3 rebellen:2 terror*:2 anschlag*:2 bombe*:2 gefecht*:2.5
        """,
    "world-disasters": "erdbeben:3 überschwemmung*:3 hochwasser:2.5 katastrophe*:1.5 sturm:1",
    "politics": """
        politik*:2.5 politisch*:2 wahl:2.5 wahlen:2.5 regierung*:2 partei*:2 bundestag:3
        kanzler*:2.5 minister*:1.5 parlament*:2.5 abgeordnete*:2.5 gesetz*:1.5 koalition*:2.5
        opposition:2 spd:3 cdu:3 csu:3 grüne*:1.5 afd:3 fdp:3 wähler*:3 bundesrat:3
        """,
    "politics-elections": "wahl:2 wahlen:2 wähler*:2 wahlkampf:3 umfrage*:1.5 stimmen:1",
    "politics-law": "gericht*:2 urteil*:2 richter*:2 polizei:1 prozess:1 anklage:2",
    "business": """
        wirtschaft*:2.5 unternehmen:2 konzern*:2.5 firma:1.5 firmen:1.5 börse*:3 aktie*:3 anleger*:3
        bank:1.5 banken:2 umsatz*:3 gewinn*:2 markt:1 märkte:2 preise:1.5 euro:1 dollar:1 zinsen:3
        zins*:2 inflation:3 konjunktur*:3 arbeitslos*:2.5 handel*:1.5 export*:2 steuer*:1.5
        insolvenz*:3 übernahme*:2 investor*:2.5 milliarden:0.7 beschäftigte:1.5
        """,
    "business-markets": "börse*:2 aktie*:2 anleger*:1.5 dax:2 kurs*:1",
    "business-economy": "konjunktur*:2 inflation:2 zinsen:2 ezb:3 bip:3 wachstum:2",
    "business-energy": "öl:2 ölpreis*:3 gas:1.5 gaspreis*:3 energie*:2 strom*:2",
    "technology": """
        technologie*:3 technik:2 internet:3 online:1.5 digital*:2 computer*:3 handy*:3 smartphone*:3
        app:2 apps:2 software:3 daten:1.5 nutzer:2 künstliche_intelligenz:3 ki:2 cyber*:2.5
        hacker*:3
        """,
    "technology-ai": "künstliche_intelligenz:3 ki:2",
    "science": """
        wissenschaft*:3 forscher*:3 forschung*:2.5 studie:1.5 klima*:2 weltraum*:3 planet*:3
        raumfahrt:3 physik*:3 universität:1 entdeck*:1.5 umwelt*:2
        """,
    "science-space": "weltraum*:2 raumfahrt:2 planet*:2 mond:1.5 rakete*:0.5 esa:2",
    "science-climate": "klima*:2 klimawandel:3 umwelt*:1.5 erderwärmung:3",
    "health": """
        gesundheit*:3 krankheit*:3 krankenhaus:3 kliniken:2.5 klinik:2.5 arzt:3 ärzte:3 patient*:3
        virus:2 impf*:3 krebs:3 medizin*:3 pandemie:3 epidemie:3 infektion*:3 medikament*:3 pflege:2
        therapie*:2.5
        """,
    "sports": """
        sport:3 fußball*:3 spiel:0.7 spiele:1 tor:1 tore:2 trainer:2 mannschaft*:2.5 verein*:1.5
        liga:2.5 meister*:1.5 meisterschaft*:3 weltmeisterschaft:3 olympia*:3 tennis:3 spieler*:2
        saison:1 sieg:1.5 niederlage:1.5 turnier*:3 finale:1.5 trikot*:3
        """,
    "sports-football": "fußball*:2 bundesliga:2 torwart:3 stürmer:3 elfmeter:3",
    "entertainment": """
        film:2.5 filme:2.5 kino*:3 musik*:3 sänger*:3 schauspieler*:3 konzert*:3 fernseh*:2.5
        serie:1.5 album:3 star:1.5 stars:1.5 festival:1.5 promi*:3 show:1.5 theater:2 roman:1.5
        """,
    "entertainment-film": "film:2 filme:2 kino*:2 regisseur*:3",
    "entertainment-music": "musik*:2 sänger*:2 konzert*:2 album:2 band:1.5",
}

FRENCH: dict[str, str] = {
    "world": """
        étranger:1 diplomat*:2 ambassad*:2 nations_unies:3 onu:3 otan:3 sanctions:2 réfugiés:2
        frontière*:1 ministre_des_affaires_étrangères:3 sommet:1.5 international*:1
        """,
    "world-conflict": """
        guerre*:2.5 armée*:2 soldats:2.5 militaire*:2 troupes:2.5 attaque*:1.5 missile*:2
        cessez_le_feu:3 rebelles:2 terroris*:2 attentat*:2.5 bombardement*:3 frappes:2.5
        """,
    "world-disasters": "séisme*:3 tremblement_de_terre:3 inondation*:3 catastrophe*:1.5",
    "politics": """
        politique*:2.5 élection*:2.5 gouvernement*:2 parti:1.5 partis:2 parlement*:2.5
        assemblée_nationale:3 sénat:2.5 député*:2.5 ministre*:1.5 premier_ministre:2.5 président:0.7
        présidentielle*:3 loi:1 réforme*:1 vote:1.5 scrutin:3 électeurs:3 opposition:1.5
        manifestation*:1 élysée:2.5 matignon:3
        """,
    "politics-elections": "élection*:2 scrutin:2 électeurs:2 candidat*:2 sondage*:2",
    "politics-law": "tribunal:2.5 justice:1.5 juge*:2 procès:2 condamné*:2 police:1 enquête:1",
    "business": """
        économie:3 économique*:2.5 entreprise*:2 société:0.7 groupe:0.5 bourse:3 action*:0.7
        actionnaires:3 investisseurs:3 banque*:2 marché*:1.5 prix:1 croissance:2 inflation:3
        chômage:3 emploi*:1.5 bénéfice*:3 chiffre_d_affaires:3 milliards:0.7 euros:1 dollars:1
        taux:1.5 salari*:1.5 commerce:1.5 industrie*:1.5 faillite:3 rachat:2.5 fusion:1.5
        """,
    "business-markets": "bourse:2 cac:2 investisseurs:1.5 actions:1",
    "business-economy": "croissance:2 inflation:2 chômage:2 bce:3 pib:3 taux:1",
    "business-energy": "pétrole:3 gaz:2 énergie*:2 électricité:2 carburant*:2.5 nucléaire:1",
    "technology": """
        technologie*:3 numérique*:3 internet:3 en_ligne:1.5 logiciel*:3 ordinateur*:3 smartphone*:3
        téléphone*:2 application*:1.5 données:1.5 intelligence_artificielle:3 ia:2.5 utilisateurs:2
        cyber*:2.5 piratage:3 pirates:1.5 informatique*:3 réseaux_sociaux:3
        """,
    "technology-ai": "intelligence_artificielle:3 ia:2",
    "technology-internet": "réseaux_sociaux:3 internet:1",
    "science": """
        science*:3 scientifique*:3 chercheur*:3 recherche:2 étude:1.5 espace:1.5 spatial*:3
        climat*:2 planète*:3 physique:2 découverte:2 environnement*:2
        """,
    "science-space": "espace:1.5 spatial*:2 planète*:2 lune:2 fusée*:3 astronaute*:3",
    "science-climate": "climat*:2 climatique*:3 réchauffement:3 environnement*:1.5",
    "health": """
        santé:3 malad*:3 hôpita*:3 médecin*:3 patients:3 virus:2 vaccin*:3 cancer:3 épidémie*:3
        pandémie*:3 médica*:3 soins:2.5 infirmi*:3 traitement*:2 sida:3
        """,
    "sports": """
        sport*:3 football:2.5 foot:2 match:2 matchs:2 équipe*:1.5 championnat*:3 ligue:2.5
        entraîneur*:3 joueur*:2.5 coupe_du_monde:3 olympiques:3 tennis:3 rugby:3 cyclisme:3
        victoire:1.5 défaite:2 tournoi:3 finale:1.5 saison:1 buteur:3 stade:2.5
        """,
    "sports-football": "football:2 foot:2 ligue_1:3 psg:3 buteur:2",
    "entertainment": """
        cinéma:3 film*:2.5 musique*:3 chanteu*:3 acteur*:3 actrice*:3 concert*:3 festival:1.5
        série*:1.5 télévision:2.5 télé:2 album*:3 star*:1.5 spectacle*:2 roman:1.5 théâtre:2
        émission:2
        """,
    "entertainment-film": "cinéma:2 film*:2 réalisat*:2 cannes:2",
    "entertainment-music": "musique*:2 chanteu*:2 concert*:2 album*:2 chanson*:3",
}

SPANISH: dict[str, str] = {
    "world": """
        extranjer*:1 diplomátic*:2 embajad*:2 naciones_unidas:3 onu:3 otan:3 sanciones:2
        refugiados:2 frontera*:1 canciller:1.5 cumbre:1.5 internacional*:1
        """,
    "world-conflict": """
        guerra*:2.5 ejército*:2 soldados:2.5 militar*:2 tropas:2.5 ataque*:1.5 misil*:2
        alto_el_fuego:3 rebeldes:2 terroris*:2 atentado*:2.5 bombardeo*:3
        """,
    "world-disasters": "terremoto*:3 sismo*:3 inundaci*:3 catástrofe*:1.5 huracán:3",
    "politics": """
        política*:2.5 político*:2 elecciones:2.5 electoral*:2.5 gobierno*:2 partido:0.7 congreso:2
        senado:2.5 diputad*:2.5 ministr*:1.5 presidente:0.7 ley:1 reforma*:1 votación:2.5 votos:2
        oposición:1.5 parlamento:2.5 alcalde*:1.5
        """,
    "politics-elections": "elecciones:2 votación:2 votos:1.5 candidat*:2 encuesta*:2",
    "politics-law": "tribunal*:2.5 juez*:2 jueza:2 juicio:2 condena*:2 fiscal:1 policía:1",
    "business": """
        economía:3 económic*:2.5 empresa*:2 compañía*:1.5 bolsa:2.5 acciones:1.5 inversores:3
        inversión:2.5 banco*:1.5 mercado*:1.5 precios:1.5 crecimiento:1.5 inflación:3 desempleo:3
        paro:1.5 empleo*:1.5 ganancias:2.5 beneficio*:2 ventas:2 millones:0.3 euros:1 dólares:1
        tasas:1 comercio:1.5 industria*:1.5 quiebra:3 exportaci*:2
        """,
    "business-economy": "inflación:2 crecimiento:1.5 desempleo:2 pib:3 banco_central:3",
    "business-energy": "petróleo:3 gas:1.5 energía:2 electricidad:2 combustible*:2.5",
    "technology": """
        tecnología*:3 tecnológic*:3 digital*:2 internet:3 en_línea:1.5 software:3 ordenador*:3
        computador*:3 teléfono*:2 móvil*:2 celular*:3 aplicación*:1.5 datos:1.5
        inteligencia_artificial:3 ia:2.5 usuarios:2 ciber*:3 hacker*:3 redes_sociales:3
        """,
    "technology-ai": "inteligencia_artificial:3 ia:2",
    "science": """
        ciencia*:3 científic*:3 investigador*:3 investigación:2 estudio:1.5 espacio:1 espacial*:3
        clima:2 climátic*:3 planeta*:3 física:2 descubr*:1.5 medio_ambiente:2
        """,
    "science-space": "espacial*:2 planeta*:2 luna:1.5 cohete*:3 astronauta*:3",
    "science-climate": "clima:2 climátic*:2 calentamiento:2.5 medio_ambiente:2",
    "health": """
        salud:3 enfermedad*:3 hospital*:3 médico*:3 pacientes:3 virus:2 vacuna*:3 cáncer:3
        epidemia*:3 pandemia*:3 medicamento*:3 sanitari*:2.5 contagio*:3 tratamiento*:2
        """,
    "sports": """
        deporte*:3 deportiv*:2.5 fútbol:3 partido:1 equipo*:1.5 liga:2.5 gol:2.5 goles:3
        entrenador*:3 jugador*:2.5 mundial:2 olímpic*:3 tenis:3 campeonato:3 torneo:3 victoria:1.5
        derrota:2 final:1 temporada:1 estadio:2.5 selección:1.5
        """,
    "sports-football": "fútbol:2 gol:1.5 goles:2 real_madrid:3 barça:3 champions:2",
    "entertainment": """
        cine:3 película*:3 música*:2.5 cantante*:3 actor:3 actores:3 actriz:3 concierto*:3
        festival:1.5 serie*:1.5 televisión:2.5 álbum*:3 estrella*:1 espectáculo*:2 novela:1.5
        teatro:2 famos*:1.5
        """,
    "entertainment-film": "cine:2 película*:2 director:1 taquilla:3",
    "entertainment-music": "música*:2 cantante*:2 concierto*:2 álbum*:2 canción*:3 disco:1.5",
}

ITALIAN: dict[str, str] = {
    "world": """
        estero:1 diplomatic*:2 ambasciat*:2 nazioni_unite:3 onu:3 nato:3 sanzioni:2 rifugiati:2
        profughi:2.5 frontiera:1 vertice:1.5 internazional*:1
        """,
    "world-conflict": """
        guerra*:2.5 esercito*:2 soldati:2.5 militar*:2 truppe:2.5 attacco:1.5 missil*:2
        cessate_il_fuoco:3 ribelli:2 terroris*:2 attentato*:2.5 bombardament*:3
        """,
    "world-disasters": "terremoto*:3 sisma:3 alluvion*:3 catastrofe:1.5",
    "politics": """
        politica*:2.5 politico*:2 elezioni:2.5 elettoral*:2.5 governo*:2 partito*:1.5 parlamento:2.5
        senato:2.5 deputat*:2.5 ministr*:1.5 premier:1.5 legge:1 riforma*:1 voto:1.5 opposizione:1.5
        sindaco:1.5 camera:0.5
        """,
    "politics-elections": "elezioni:2 voto:1.5 candidat*:2 sondagg*:2 elettori:3",
    "politics-law": "tribunale:2.5 giudice*:2 processo:1.5 condann*:2 polizia:1 procura:2.5",
    "business": """
        economia:3 economic*:2.5 azienda*:2 aziende:2 società:0.7 borsa:2.5 azioni:1.5 investitori:3
        banca:2 banche:2 mercato*:1.5 mercati:2 prezzi:1.5 crescita:1.5 inflazione:3
        disoccupazione:3 lavoro:1 fatturato:3 utile:1 ricavi:3 miliardi:0.7 euro:1 imprese:2
        industria*:1.5 fallimento:2.5 tasse:1.5 pil:3
        """,
    "business-economy": "inflazione:2 crescita:1.5 disoccupazione:2 pil:2 bce:3",
    "business-energy": "petrolio:3 gas:1.5 energia:2 elettricità:2 carburant*:2.5 bollett*:2.5",
    "technology": """
        tecnologia*:3 tecnologic*:3 digitale:2 internet:3 online:1.5 software:3 computer:3
        smartphone:3 telefono:2 cellulare:3 app:2 dati:1.5 intelligenza_artificiale:3 ia:2 utenti:2
        hacker:3 informatic*:3 social:1.5
        """,
    "technology-ai": "intelligenza_artificiale:3 ia:2",
    "science": """
        scienza*:3 scienziat*:3 ricercator*:3 ricerca:2 studio:1 spazio:1 spazial*:3 clima:2
        climatic*:3 pianeta*:3 fisica:2 scoperta:2 ambiente:1.5
        """,
    "science-space": "spazial*:2 pianeta*:2 luna:1.5 razzo:3 astronaut*:3",
    "science-climate": "clima:2 climatic*:2 riscaldamento:2 ambiente:1.5",
    "health": """
        salute:3 malatti*:3 ospedal*:3 medico:3 medici:3 pazienti:3 virus:2 vaccin*:3 cancro:3
        tumore:3 tumori:3 epidemia:3 pandemia:3 farmac*:3 sanità:3 sanitari*:2.5 cure:2 contagi*:3
        infermier*:3
        """,
    "sports": """
        sport*:3 calcio:3 partita:2 squadra:2 campionato:3 allenator*:3 giocator*:2.5 gol:2.5
        mondiali:2.5 olimpiad*:3 olimpic*:3 tennis:3 torneo:3 vittoria:1.5 sconfitta:2 stagione:1
        stadio:2.5 finale:1 nazionale:1 serie_a:3
        """,
    "sports-football": "calcio:2 serie_a:2 gol:1.5 juventus:3 inter:1.5 milan:1.5 napoli:1",
    "entertainment": """
        cinema:3 film:2.5 musica:3 cantant*:3 attore:3 attori:3 attrice:3 concert*:3 festival:1.5
        sanremo:3 serie:1 televisione:2.5 tv:2 album:3 star:1.5 spettacol*:2 romanzo:1.5 teatro:2
        """,
    "entertainment-film": "cinema:2 film:2 regista:3",
    "entertainment-music": "musica:2 cantant*:2 concert*:2 album:2 canzon*:3",
}

PORTUGUESE: dict[str, str] = {
    "world": """
        exterior:1 diplomátic*:2 embaixad*:2 nações_unidas:3 onu:3 otan:3 nato:3 sanções:2
        refugiados:2 fronteira*:1 cúpula:1.5 cimeira:1.5 internacional*:1
        """,
    "world-conflict": """
        guerra*:2.5 exército*:2 soldados:2.5 militar*:2 tropas:2.5 ataque*:1.5 míss*:2 cessar_fogo:3
        rebeldes:2 terroris*:2 atentado*:2.5 bombardeio*:3
        """,
    "world-disasters": "terremoto*:3 sismo*:3 enchente*:3 inundaç*:3 catástrofe:1.5",
    "politics": """
        política*:2.5 político*:2 eleição:2.5 eleições:2.5 eleitora*:2.5 governo*:2 partido*:1.5
        congresso:2 senado:2.5 deputad*:2.5 ministr*:1.5 presidente:0.7 lei:1 reforma*:1 votação:2.5
        votos:2 oposição:1.5 parlamento:2.5 prefeito:1.5
        """,
    "politics-elections": "eleição:2 eleições:2 votação:2 candidat*:2 pesquisa:1 sondage*:2",
    "politics-law": "tribunal*:2.5 juiz*:2 julgamento:2 condena*:2 polícia:1 stf:3",
    "business": """
        economia:3 económic*:2.5 econômic*:2.5 empresa*:2 bolsa:2.5 ações:1.5 investidores:3
        investimento*:2.5 banco*:1.5 mercado*:1.5 preços:1.5 crescimento:1.5 inflação:3 desemprego:3
        emprego*:1.5 lucro*:3 vendas:2 milhões:0.3 bilhões:0.7 reais:1 juros:3 comércio:1.5
        indústria*:1.5 falência:3 exportaç*:2 pib:3
        """,
    "business-economy": "inflação:2 crescimento:1.5 desemprego:2 pib:2 juros:2",
    "business-energy": "petróleo:3 petrobras:3 gás:1.5 energia:2 eletricidade:2 combustíve*:2.5",
    "technology": """
        tecnologia*:3 tecnológic*:3 digital*:2 internet:3 online:1.5 software:3 computador*:3
        celular*:3 telemóve*:3 telefone*:2 aplicativo*:3 dados:1.5 inteligência_artificial:3 ia:2.5
        usuários:2 utilizadores:2 hacker*:3 redes_sociais:3
        """,
    "technology-ai": "inteligência_artificial:3 ia:2",
    "science": """
        ciência*:3 cientista*:3 pesquisador*:3 investigador*:2 pesquisa:1.5 estudo:1.5 espaço:1
        espacia*:3 clima:2 climátic*:3 planeta*:3 física:2 descobert*:2 ambiente:1.5
        """,
    "science-space": "espacia*:2 planeta*:2 lua:1.5 foguete*:3 astronauta*:3",
    "science-climate": "clima:2 climátic*:2 aquecimento:2 ambiente:1.5",
    "health": """
        saúde:3 doença*:3 hospita*:3 médico*:3 pacientes:3 vírus:2 vacina*:3 câncer:3 cancro:3
        epidemia*:3 pandemia*:3 medicamento*:3 sus:2 contágio:3 tratamento*:2
        """,
    "sports": """
        esporte*:3 desporto*:3 esportiv*:2.5 futebol:3 jogo:1 jogos:1 time:0.7 equipe:1.5 equipa:1.5
        campeonato:3 gol:2.5 golo*:3 técnico:1 treinador*:3 jogador*:2.5 copa_do_mundo:3 olímpic*:3
        tênis:3 ténis:3 torneio:3 vitória:1.5 derrota:2 estádio:2.5
        """,
    "sports-football": "futebol:2 gol:1.5 golo*:2 brasileirão:3 flamengo:3 benfica:3",
    "entertainment": """
        cinema:3 filme*:3 música*:2.5 cantor*:3 ator:3 atores:3 atriz:3 show:1.5 festival:1.5
        série*:1.5 novela*:2 televisão:2.5 álbum*:3 estrela*:1 espetáculo*:2 teatro:2
        """,
    "entertainment-film": "cinema:2 filme*:2 bilheteria:3",
    "entertainment-music": "música*:2 cantor*:2 show:1 álbum*:2 canção:3 canções:3",
}

RUSSIAN: dict[str, str] = {
    "world": """
        дипломат*:2 посол:2 посольств*:2 оон:3 нато:3 санкци*:2 беженц*:2 границ*:1 саммит*:1.5
        международн*:1 мид:2.5 иностранн*:1
        """,
    "world-conflict": """
        войн*:2.5 армии:2 армия:2 военн*:2 солдат*:2.5 войск*:2.5 атак*:1.5 ракет*:2 обстрел*:3
        перемири*:3 боевик*:2.5 террор*:2 теракт*:3 взрыв*:1.5 удар*:0.7
        """,
    "world-disasters": "землетрясени*:3 наводнени*:3 катастроф*:1.5 пожар*:1.5 ураган*:3",
    "politics": """
        полити*:2.5 выбор*:1.5 правительств*:2 парти*:1.5 депутат*:2.5 госдум*:3 дума:2
        парламент*:2.5 министр*:1.5 закон*:1.5 президент*:0.7 голосовани*:2.5 оппозици*:2
        губернатор*:1.5 мэр*:1 кремл*:2
        """,
    "politics-elections": "выбор*:1.5 голосовани*:2 избирател*:3 кандидат*:2",
    "politics-law": "суд:2.5 суда:2.5 суде:2.5 судья:2.5 приговор*:2.5 полици*:1 уголовн*:2",
    "business": """
        экономик*:3 экономическ*:2.5 компани*:2 бизнес*:2.5 бирж*:3 акци*:1 инвестор*:3
        инвестици*:2.5 банк:1.5 банка:1.5 банков*:2 банки:2 рынок:2 рынка:2 рынке:2 рынки:2 цены:1.5
        цен:1.5 инфляци*:3 рубл*:2 доллар*:1.5 прибыл*:3 выручк*:3 продаж*:1.5 налог*:1.5 ввп:3
        млрд:1 миллиард*:0.7 безработиц*:3 торгов*:1 экспорт*:2
        """,
    "business-economy": "инфляци*:2 ввп:2 ставк*:1.5 цб:3 центробанк*:3 безработиц*:2",
    "business-energy": """
        нефт*:3 газ:2 газа:2 газпром*:3 энергетик*:2.5 электроэнерги*:2.5 бензин*:2.5
        """,
    "technology": """
        технолог*:3 интернет*:3 онлайн:1.5 цифров*:2 компьютер*:3 смартфон*:3 телефон*:2
        приложени*:1 программ*:1 искусственн*:2 интеллект*:1.5 нейросет*:3 пользовател*:2 хакер*:3
        кибер*:3 соцсет*:3
        """,
    "technology-ai": "искусственн*:2 интеллект*:1.5 нейросет*:3",
    "science": """
        наук*:3 научн*:3 учен*:3 исследовател*:3 исследовани*:2 космос*:3 космическ*:3 климат*:2.5
        планет*:3 физик*:2 открыти*:1.5 экологи*:2
        """,
    "science-space": "космос*:2 космическ*:2 планет*:2 роскосмос*:3 космонавт*:3 луна:1.5 луну:1.5",
    "science-climate": "климат*:2 экологи*:2 потеплени*:2.5",
    "health": """
        здоровь*:3 здравоохранени*:3 болезн*:3 заболевани*:3 больниц*:3 врач*:3 пациент*:3 вирус*:2
        вакцин*:3 рак:2.5 эпидеми*:3 пандеми*:3 медицин*:3 лечени*:2.5 лекарств*:3 инфекци*:3
        заражени*:2.5
        """,
    "sports": """
        спорт*:3 футбол*:3 хокке*:3 матч*:2.5 команд*:1 чемпионат*:3 тренер*:3 игрок*:2.5 олимпи*:3
        теннис*:3 гол:2 голы:2 турнир*:3 победа:1 сезон*:1 сборн*:2 клуб*:1.5
        """,
    "sports-football": "футбол*:2 гол:1.5 спартак*:3 зенит*:2 цска:3",
    "entertainment": """
        кино:3 фильм*:3 музык*:3 певиц*:3 певец:3 певца:3 актер*:3 актёр*:3 актрис*:3 концерт*:3
        сериал*:3 телевидени*:2.5 альбом*:3 звезд*:1 шоу:2 фестивал*:1.5 театр*:2
        """,
    "entertainment-film": "кино:2 фильм*:2 режиссер*:3 режиссёр*:3",
    "entertainment-music": "музык*:2 певиц*:2 певец:2 концерт*:2 альбом*:2 песн*:3",
}

ARABIC: dict[str, str] = {
    "world": """
        دبلوماسي*:2 سفير:2 سفارة:2 امم_متحدة:3 ناتو:3 عقوبات:2 لاجئين:2.5 لاجئون:2.5 حدود:1 قمة:1.5
        دولي:1 دولية:1 خارجية:2
        """,
    "world-conflict": """
        حرب:2.5 جيش:2 جنود:2.5 عسكري*:2 قوات:2 هجوم:1.5 صاروخ*:2 صواريخ:2 قصف:3 غارة:3 غارات:3
        هدنة:3 وقف_اطلاق_نار:3 مسلحين:2 ارهاب*:2 انفجار:1.5
        """,
    "world-disasters": "زلزال:3 فيضان*:3 كارثة:1.5 اعصار:3",
    "politics": """
        سياسة:2.5 سياسي*:2 انتخابات:2.5 انتخابي*:2.5 حكومة:2 حزب:2 احزاب:2 برلمان:2.5 مجلس_نواب:3
        نواب:2 وزير:1.5 وزراء:1.5 رئيس:0.5 قانون:1 تصويت:2.5 معارضة:2
        """,
    "politics-elections": "انتخابات:2 تصويت:2 مرشح*:2 ناخبين:3",
    "politics-law": "محكمة:2.5 قاضي:2 حكم:0.7 شرطة:1 قضاء:2",
    "business": """
        اقتصاد:3 اقتصادي*:2.5 شركة:2 شركات:2 بورصة:3 اسهم:2.5 مستثمرين:3 استثمار*:2.5 بنك:1.5 بنوك:2
        مصرف*:2 سوق:1.5 اسواق:2 اسعار:1.5 تضخم:3 نمو:1.5 بطالة:3 ارباح:3 مبيعات:2 مليار:0.7 دولار:1
        ضرائب:1.5 تجارة:1.5 صادرات:2
        """,
    "business-economy": "تضخم:2 نمو:1 بطالة:2 فائدة:1.5 مركزي:2",
    "business-energy": "نفط:3 نفطي*:3 غاز:2 طاقة:2 كهرباء:2 وقود:2.5 اوبك:3",
    "technology": """
        تكنولوجيا:3 تقنية:3 تقني*:2.5 انترنت:3 رقمي*:2 حاسوب:3 كمبيوتر:3 هاتف:2 هواتف:2.5 تطبيق:1.5
        تطبيقات:2 بيانات:1.5 ذكاء_اصطناعي:3 مستخدمين:2 قراصنة:3 سيبراني*:3
        """,
    "technology-ai": "ذكاء_اصطناعي:3",
    "science": """
        علوم:3 علمي*:3 علماء:3 باحث*:2.5 دراسة:1.5 فضاء:3 مناخ:2.5 كوكب:3 فيزياء:3 اكتشاف:2 بيئة:2
        """,
    "science-space": "فضاء:2 كوكب:2 قمر:1.5 صاروخ:0.5 رواد_فضاء:3",
    "science-climate": "مناخ:2 مناخي*:2.5 بيئة:1.5 احتباس:3",
    "health": """
        صحة:3 صحي*:2.5 مرض:3 امراض:3 مستشفى:3 مستشفيات:3 طبيب:3 اطباء:3 مرضى:3 فيروس:2 لقاح*:3
        سرطان:3 وباء:3 جائحة:3 علاج:2.5 ادوية:3 دواء:3 عدوى:3 طبي*:2
        """,
    "sports": """
        رياضة:3 رياضي*:2.5 كرة_قدم:3 كرة:1.5 مباراة:3 مباريات:3 فريق:1.5 دوري:2.5 بطولة:2.5 مدرب:3
        لاعب:2.5 لاعبين:2.5 كاس_عالم:3 اولمبي*:3 تنس:3 هدف:0.7 اهداف:1 منتخب:2 ملعب:2.5
        """,
    "sports-football": "كرة_قدم:2 دوري:1 هدف:0.5 منتخب:1",
    "entertainment": """
        سينما:3 فيلم:3 افلام:3 موسيقى:3 مطرب*:3 مغني*:3 ممثل:3 ممثلة:3 حفل:2 مهرجان:1.5 مسلسل:3
        مسلسلات:3 تلفزيون*:2.5 البوم:3 نجم:1.5 نجمة:1.5 مسرح:2
        """,
    "entertainment-film": "سينما:2 فيلم:2 افلام:2 مخرج:2.5",
    "entertainment-music": "موسيقى:2 مطرب*:2 مغني*:2 اغنية:3 اغاني:3 حفل:1",
}

BY_LANGUAGE: dict[str, dict[str, str]] = {
    "de": GERMAN,
    "fr": FRENCH,
    "es": SPANISH,
    "it": ITALIAN,
    "pt": PORTUGUESE,
    "ru": RUSSIAN,
    "ar": ARABIC,
}
