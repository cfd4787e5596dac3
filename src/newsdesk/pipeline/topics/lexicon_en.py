"""English words that point to each topic, with weights (see ``lexicon`` for the notation).

A word listed under a finer topic also counts for its parent. Weights: 3 for a word that all but
settles the topic ("touchdown"), 2 for a strong hint ("shares"), 1 by default, 0.5 for a word
that leans one way but is often used otherwise ("season", "deal").
"""

from __future__ import annotations

ENGLISH: dict[str, str] = {
    "world": """
        foreign:1.5 international abroad overseas global:0.5 embassy:2 ambassador:2 diplomat*:2
        united_nations:3 nato:3 european_union:1.5 eu:0.5 summit:1 sanctions:2 treaty:1.5 border:1
        borders:1 refugee*:2 asylum:2 humanitarian:2 aid:0.5 ukraine:1.5 crimea:2 syria:1.5
        syrian:1.5 iraq:1.5 iraqi:1.5 afghanistan:1.5 gaza:1.5 israel:1 palestinian*:1.5 iran:1
        north_korea:1.5 pyongyang:2 kremlin:2 beijing:0.5 taliban:2 hamas:2 hezbollah:2 isis:2
        al_qaeda:2 jihadist*:2
        """,
    "world-conflict": """
        war:2 wars:2 warfare:2 troops:2.5 soldier*:2 army:2 military:1.5 militar*:1 missile*:2
        rocket*:1 airstrike*:3 air_strike*:3 bomb:1.5 bombing*:2 bombs:1.5 shelling:3 rebel*:2
        militant*:2 insurgen*:2 ceasefire:3 truce:3 invasion:2.5 invade*:2 annex*:2 offensive:1
        clashes:2 clash:1 fighting:1.5 gunmen:2 gunfire:1.5 killed:1 hostage*:2 kidnap*:1.5
        terror*:2 suicide_bomber:3 coup:2 junta:2 separatist*:2 peacekeep*:3 casualties:1.5
        civilians:1.5 warplane*:3 tanks:1 artillery:2.5 drone_strike*:3
        """,
    "world-diplomacy": """
        diplomatic:2 diplomacy:2.5 foreign_minister:3 foreign_ministry:3 secretary_of_state:2
        peace_talks:3 negotiations:1 envoy:2 bilateral:2 summit:1.5 g7:2 g20:2 visit:0.3
        """,
    "world-disasters": """
        earthquake*:2.5 quake:2.5 tsunami:3 flood*:2 typhoon:3 hurricane*:2.5 cyclone:3 tornado*:2.5
        landslide*:3 mudslide*:3 wildfire*:2 volcano*:1.5 eruption:1.5 disaster*:1.5 death_toll:3
        survivors:1.5 rescuers:2 rescue:1 evacuat*:2 drought:1.5 famine:2.5 plane_crash:2.5 ferry:1
        shipwreck:2.5 derail*:2 avalanche:2
        """,
    "world-migration": """
        migrant*:3 immigrant*:1.5 refugee*:2 asylum_seekers:3 smuggler*:1.5 deport*:2
        """,
    "politics": """
        politic*:2 political:2 politician*:2.5 election*:2.5 government:1.5 governments:1.5
        parliament*:2.5 congress:2 congressional:2.5 senate:2.5 senator*:2.5 lawmaker*:2.5
        legislat*:2 minister:1.5 ministers:1.5 prime_minister:2.5 president:0.7 presidential:2
        governor:1.5 mayor:1.5 party:0.5 democrat*:2 republican*:2 gop:2.5 conservative*:1
        liberal*:0.7 labour:1 tory:2 tories:2 opposition:1.5 coalition:1 cabinet:1.5 white_house:2
        obama:1.5 obamacare:1 policy:0.7 policies:0.7 reform:0.7 veto:2 impeach*:3 constitution*:1.5
        referendum:2.5 protest*:1 protesters:1.5 demonstration:1 demonstrations:1 demonstrators:1.5
        campaign:0.7 kremlin:1 putin:1 dictator*:1.5 regime:1 chancellor:1 bill:0.3 vote:1.5
        votes:1.5
        """,
    "politics-elections": """
        election*:2 vote:1.5 voters:3 voting:2.5 ballot*:3 poll:1 polls:1.5 polling:2 candidate*:2
        campaign*:1 primary:1 primaries:2.5 runoff:3 electoral:3 turnout:2.5
        """,
    "politics-government": """
        government:1 ministry:1.5 cabinet:1 spending:0.7 budget:0.7 bureaucra*:2 agency:0.3
        governor:1 mayor:1 council:1 administration:1 parliament*:1 congress:1
        """,
    "politics-law": """
        supreme_court:3 court:1 courts:1.5 judge:1.5 judges:1.5 ruling:1.5 ruled:1.5 verdict:2
        trial:1 lawsuit*:1.5 sued:1.5 sues:1.5 prosecutor*:2 charged:1.5 indict*:2.5 jury:2
        convicted:2 sentenced:2 prison:1.5 jail*:1.5 arrest*:1 police:1 lawyer*:1 attorney*:1
        legal:1 illegal:0.7 law:0.7 laws:1 crime:1 murder*:1.5 fraud:1 appeal:0.7 appeals:0.7
        plea:1.5
        """,
    "business": """
        cfo:2.5 chairman:1.5 q1:2.5 q2:2.5 q3:2.5 q4:2.5 misses:0.7 estimates:1.5 expectations:1
        nyse:3 stock_exchange:3 valuation:2.5 valued:1.5 market_cap:3 private_equity:3
        venture_capital:3 funding:1.5 raises:1 buyback:3 brent:3 wti:3 silver:1 platinum:1 wheat:1.5
        corn:1.5 soybean*:2.5 peso:2.5 rupee:3 ruble:3 rouble:3 lira:3 eurozone:3 euro_zone:3 boj:3
        bank_of_japan:3 bank_of_england:3 pboc:3 rate_hike:3 rate_cut:3 bailout:2.5 austerity:2.5
        debt_ceiling:3 budget_deficit:3 trade_deficit:3 surplus:2 pmi:3 consumer_prices:3 cpi:3
        retail_sales:3 home_sales:3 housing_starts:3 jobless_claims:3 nonfarm:3 minimum_wage:2
        unions:1 employees:1.5 margin:1 margins:1.5 profitability:3 slowdown:2 downturn:2.5 boom:1
        bubble:1.5 plunge*:1.5 soar*:1 surge*:1 tumble*:1.5 rebound*:1.5 record_high:2.5
        all_time_high:3 volatility:2.5 bear_market:3 bull_market:3 stock_price:3 share_price:3
        premarket:3 buys:1 sells:1 to_buy:1.5 agrees_to_buy:3 spin_off:1.5 divest*:3 restructur*:2.5
        turnaround:2 cost_cutting:3 settlement:1.5 fined:1.5 monopoly:2 shoppers:2.5 shopping:1.5
        black_friday:3 e_commerce:3 ecommerce:3 supermarket*:2.5 grocer*:2.5 marketing:2
        advertis*:1.5 supply_chain:3 production:1 autos:2.5 car_sales:3 dealership*:3 fuel_economy:3
        passengers:1 tourism:1.5 hotel*:1.5 casino*:2 home_prices:3 rents:1.5 foreclos*:3
        properties:1 construction:1.5 railroad:1.5 freight:3 logistics:3 fedex:3 amazon:1
        retirement:1.5 savings:1.5 credit_card*:3 mastercard:3 american_express:3 amex:3 fintech:3
        irs:2.5 accounting:2.5 audit*:2 insider_trading:3 ponzi:3 embezzl*:2.5 cftc:3 finra:3 fdic:3
        deregulat*:2 economist:2 real_estate:2.5 oecd:3 economies:2 upgraded:1.5 downgrade*:2
        underweight:2 overweight:1 wall_st:3 rich_list:2 net_worth:2.5 price_war:3 tanker*:1 gse:2
        m_a:2 job_openings:3 hiring:2 employers:2 job_cuts:3 bonuses:2 loss:1 losses:1.5 bln:2 mln:2
        taxpayers:1 chapter_11:3 flights:1.5 airport:0.5 pension*:1.5 billionaire*:2 tycoon:2
        economist*:2 payments:1.5 antitrust:2.5 regulator*:1.5 sec:1 ftc:1.5 franchise:1
        restaurant*:1.5 stores:1.5 mall:1 fannie_mae:3 freddie_mac:3 pct:1.5 jobs_report:3
        wealth:1.5 telecom*:1.5 softbank:2 business*:1.5 economy:2 economic:2 econom*:1.5 company:1
        companies:1.5 corporate:1.5 firm:1 firms:1.5 industry:1 market:1 markets:2 shares:2.5
        stock:2 stocks:3 investor*:2.5 invest:1 invests:1 invested:1 investing:1 investment:1.5
        investments:1.5 profit*:2.5 revenue*:2.5 earnings:3 sales:1.5 quarter:1.5 quarterly:2.5
        results:0.5 ceo:2 chief_executive:2 executive*:1 billion:0.7 million:0.2 deal:1 deals:1
        merger*:3 acquisition*:2.5 acquire*:2 buyout:3 takeover:2.5 bid:1 stake:2 ipo:3
        bankrupt*:2.5 bank:1.5 banks:2 banking:2.5 bankers:2.5 finance:2 financial:2 dollar:1.5
        euro:1 yen:2 currency:2 currencies:2 price:0.7 prices:1 cost:0.5 costs:0.5 retail*:2
        retailer*:2.5 consumer*:1 customers:0.7 brand:0.7 tax:1 taxes:1 trade:1 tariff*:2
        export*:1.5 imports:0.5 jobs:1 layoff*:2.5 workers:1 wage*:1.5 salar*:1 strike:0.5 startup:1
        airline*:2 automaker*:2.5 carmaker*:2.5 recall*:1 insurer*:2 insurance:1 shareholder*:3
        dividend*:3 analyst*:1.5 forecast*:1 outlook:1 guidance:1 fund:1 funds:1 debt:1.5 loan*:1.5
        credit:1 mortgage*:2 lender*:2 bitcoin:1 cryptocurren*:1.5 exchange:0.7 wall_street:3 ftse:3
        dow:2 nasdaq:3 nikkei:3 dax:3 walmart:2 boeing:1.5 buffett:2
        """,
    "business-markets": """
        fx:2 options:0.5 gains:1 wall_st:2 copper:2.5 yuan:3 aluminium:2.5 aluminum:2.5 hang_seng:3
        etf:3 djia:3 s_p:2.5 default:1 bull:1 bear:0.5 equities:3 shares_of:2 shares:1 stock:1
        stocks:1.5 stock_market:2 bond*:1.5 yield*:1.5 treasur*:1.5 index:1 indexes:1 indices:1
        futures:2 investors:1 trader*:2 trading:2 rally:2 rallies:2 slump*:1.5 sell_off:2 selloff:2
        wall_street:2 ftse:2 nasdaq:2 nikkei:2 dax:2 hedge_fund*:2 bitcoin:1.5 gold:1 commodit*:2
        forex:3 dollar:0.5 sterling:2 rate:0.5 rates:1
        """,
    "business-economy": """
        economy:1.5 economic:1 gdp:3 growth:1.5 inflation:3 deflation:3 recession:3 unemployment:3
        jobless:3 payroll*:2 interest_rate*:3 central_bank:3 federal_reserve:3 fed:2.5 ecb:3 boe:3
        imf:3 world_bank:2.5 stimulus:2 tapering:3 taper:2 monetary:3 fiscal:2 deficit:2 housing:1.5
        manufacturing:2 factory:1 output:1 spending:1 consumer_confidence:3 yellen:3 draghi:3
        carney:1
        """,
    "business-companies": """
        jpmorgan:3 goldman:2.5 citigroup:3 citi:2 wells_fargo:3 bank_of_america:3 barclays:3 hsbc:3
        ubs:3 credit_suisse:3 deutsche_bank:3 morgan_stanley:3 blackrock:3 berkshire:2.5 toyota:2.5
        honda:2 nissan:2.5 volkswagen:2.5 vw:2 bmw:2 daimler:3 general_motors:2.5 chrysler:2.5
        fiat:2 walmart:2 costco:3 macy:2.5 target_corp:3 best_buy:3 home_depot:3 mcdonald:3
        starbucks:3 coca_cola:3 pepsico:3 pepsi:2 burger_king:3 chipotle:3 kraft:3 nestle:3
        unilever:3 procter:3 pfizer:2 astrazeneca:2 merck:2 novartis:2 sanofi:2 roche:2
        glaxosmithkline:2 gsk:2 bayer:2 gilead:2 allergan:2 valeant:2 delta_air:3 lufthansa:2.5
        ryanair:3 southwest_airlines:3 united_airlines:3 american_airlines:3 airbus:2.5 boeing:1.5
        alibaba:2 siemens:2.5 ge:1.5 general_electric:3 exxonmobil:3 shell:1 vodafone:2 viacom:2
        time_warner:2 fox:0.3 nike:2 adidas:2 ikea:2 h_m:2 zara:2 tesco:3 sainsbury:3 carrefour:3
        company:1 ceo:1.5 profit*:1 earnings:1 revenue*:1 merger*:1.5 acquisition*:1 takeover:1
        ipo:1.5 bankrupt*:1.5 layoff*:1 shareholder*:1 startup*:1 brand*:1 stores:1.5 chain:1
        """,
    "business-energy": """
        oil:2.5 crude:3 gas:1.5 natural_gas:3 opec:3 petrol*:2 gasoline:2.5 fuel:1.5 pipeline:2
        energy:2 electricity:2 utilit*:1.5 power_plant*:2 nuclear_plant*:2 coal:2 fracking:3 shale:3
        solar:1.5 wind_farm*:2.5 renewable*:2 barrel*:2.5 refiner*:3 gazprom:3 exxon:3 chevron:3
        bp:1.5 shell:1
        """,
    "technology": """
        zuckerberg:3 nadella:3 bezos:2 tim_cook:3 larry_page:3 sergey_brin:3 eric_schmidt:3
        marissa_mayer:3 jack_dorsey:3 bill_gates:2 musk:1.5 version:1 preview:1 leak:0.7 leaked:0.7
        rumor:0.7 rumors:0.7 rumour*:0.7 specs:3 display:1.5 resolution:1 megapixel*:3 storage:1.5
        gb:2.5 ghz:3 hd:1.5 4k:2 ultra_hd:3 oled:3 lcd:3 touchscreen:3 keyboard:2 stylus:3
        charger:2.5 charging:1.5 wireless_charging:3 sensor*:2 fingerprint:2 touch_id:3 siri:3
        cortana:3 alexa:2 voice_assistant:3 maps:1 navigation:1 vr:2.5 fitbit:3 internet_of_things:3
        iot:3 smart:0.7 backup:1.5 download:2 downloads:2 downloaded:2 upload:2 uploads:2 install:1
        installed:1 subscribers:1.5 subscription*:1 url:2 search_engine:3 big_data:3 analytics:2
        programmer*:3 coding:3 code:1 open_source:3 api:2 crypto:1.5 blockchain:3 fiber:1.5 4g:3
        lte:3 5g:3 3g:3 spectrum:2 cellphone*:3 cell_phone*:3 handset*:3 phablet*:3 os:1.5
        operating_system:3 desktop:2.5 e_reader:3 printer*:2 gopro:3 electric_vehicle*:2 hyperloop:3
        autopilot:2 ps3:3 mario:2 pokemon:3 zelda:3 call_of_duty:3 grand_theft_auto:3 activision:3
        ubisoft:3 e3:3 gamescom:3 messenger:1.5 vine:1.5 meme*:1.5 hashtag:1 viral:0.5 gadget:3
        tech_giant*:3 engineers:1 apple_inc:3 ios_7:3 ios_8:3 os_x:3 mac:2 macbook*:3 imac:3
        iwatch:3 itunes:1.5 app_store:3 google_play:3 gmail:2 youtube:1 xbox:2 kinect:3 skype:3
        whatsapp:2 tinder:2 dropbox:3 spotify:1.5 pandora:1 netflix:1 hulu:1 amazon_prime:1.5
        kindle:2 fire_phone:3 galaxy_s5:3 galaxy_s4:3 gear:1 lumia:3 windows_phone:3 windows_8:3
        office_365:3 xiaomi:3 zte:3 alcatel:2 asus:3 acer:3 dell:3 hp:2 hewlett_packard:3 sap:2
        salesforce:3 adobe:3 vmware:3 red_hat:3 mozilla:3 opera:0.3 wikipedia:2 reddit:2 tumblr:3
        pinterest:3 linkedin:2.5 aol:2.5 paypal:1.5 ebay:1.5 square:0.3 twitch:2 oculus_rift:3
        google_glass:3 android_wear:3 smart_home:3 nest:1 moto_x:3 nexus:2.5 chrome_os:3 firmware:3
        jailbreak*:3 stream:1 network*:1 speeds:1 web_speed*:2 3d_print*:3 outage:2 glitch:2
        beta:1.5 wifi:3 wi_fi:3 bluetooth:3 podcast:1.5 emoji:2 pixel:1 xp:2 piracy:2 pirated:2
        torrent*:3 streaming_service:2 telecom*:1.5 softbank:1.5 t_mobile:3 at_t:2.5
        electric_car*:1.5 chromecast:3 roku:3 smart_tv:3 technology:2.5 technologies:2 tech:2.5
        software:3 hardware:2.5 computer*:2.5 computing:3 digital:1.5 internet:2.5 online:1.5
        web:1.5 website*:1.5 app:2 apps:2.5 smartphone*:3 phone:2 phones:2.5 iphone*:3 ipad*:3
        android:3 ios:3 tablet*:2.5 laptop*:3 pc:2 pcs:2.5 device*:2 gadget*:3 wearable*:3
        smartwatch*:3 chip:2 chips:1.5 chipmaker*:3 processor*:3 semiconductor*:3 apple:2 google:2.5
        microsoft:3 samsung:2.5 facebook:2 twitter:1.5 amazon:1 intel:3 ibm:3 nokia:3 blackberry:3
        htc:3 lg:2 sony:1.5 huawei:2.5 lenovo:3 motorola:3 qualcomm:3 nvidia:3 oracle:2 cisco:3
        yahoo:2.5 netflix:1 tesla:1 uber:1.5 windows:2.5 linux:3 chrome:2.5 firefox:3 browser*:3
        update:1 upgrade*:1.5 launch:0.3 launches:0.3 features:0.3 users:1.5 user:1 developer*:1.5
        engineer*:1 startup*:1 silicon_valley:3 cloud:1.5 server*:2 data:1 database*:2 broadband:3
        wireless:2.5 mobile:2 carrier*:1 verizon:2.5 comcast:2 fcc:2.5 net_neutrality:3 patent*:2
        screen:1 battery:1.5 camera:1.5 cameras:1.5 robot*:2 drone*:1 3d:1.5 virtual_reality:3
        oculus:3 gps:1
        """,
    "technology-ai": """
        artificial_intelligence:3 ai:3 machine_learning:3 neural_network*:3 chatbot*:3 algorithm*:2
        robot*:1.5 robotic*:2 automation:2 self_driving:3 driverless:3 autonomous:1.5
        deep_learning:3
        """,
    "technology-devices": """
        smartphone*:1.5 iphone*:1.5 ipad*:1.5 galaxy:1.5 tablet*:1 laptop*:1 smartwatch*:1.5
        wearable*:1 gadget*:1 camera:0.5 headset*:2 console*:1 kindle:2.5 chromebook*:3
        """,
    "technology-internet": """
        piracy:1 pirated:1 torrent*:1 internet:1 online:0.5 web:1 website*:1 social_media:3
        social_network*:3 facebook:1.5 twitter:1.5 tweet*:0.5 instagram:1 youtube:1.5 whatsapp:3
        snapchat:3 google:1 search:1 email*:1.5 gmail:3 blog*:1.5 broadband:1 streaming:1
        privacy:1.5 net_neutrality:1
        """,
    "technology-security": """
        hack:2.5 hacked:3 hacker*:3 hacking:3 cyber*:3 malware:3 virus:0.3 spyware:3 phishing:3
        ransomware:3 password*:2.5 encrypt*:3 breach:2 vulnerabilit*:3 bug:1 heartbleed:3
        surveillance:2 nsa:2.5 snowden:2.5 spying:2 security:1
        """,
    "technology-gaming": """
        ps3:2 mario:1.5 pokemon:2 zelda:2 call_of_duty:2 grand_theft_auto:2 activision:2 ubisoft:2
        e3:2 gamescom:2 video_game*:3 videogame*:3 gaming:3 gamer*:3 game_console:3 xbox:3
        playstation:3 ps4:3 nintendo:3 wii:3 steam:1 esports:3 minecraft:3 titanfall:2 console:1
        consoles:1 games:0.5
        """,
    "science": """
        jupiter:3 saturn:3 venus:2.5 pluto:3 neptune:3 eclipse:3 blood_moon:3 meteor_shower:3
        aurora:2 northern_lights:3 dark_matter:3 neutrino*:3 higgs:3 cern:3 collider:3 laser*:2
        atom:2 atoms:2 atomic:1 molecule*:3 molecular:3 protein*:2 enzyme*:3 cells:1 embryo*:2.5
        cloning:3 cloned:3 crispr:3 primate*:3 chimp*:3 chimpanzee*:3 monkey*:1.5 apes:2
        butterfl*:1.5 frog*:2 snake*:1.5 spider*:1 wolves:2 polar_bear*:3 penguin*:2.5 dolphin*:1.5
        marine:1.5 underwater:1.5 deep_sea:3 weather:0.7 temperature*:1.5 heat_wave:2 el_nino:3
        carbon_dioxide:3 co2:3 methane:3 solar_panel*:2 professor:1 university:0.7 findings:1.5
        caltech:3 smithsonian:2 national_geographic:2 scientifically:2 big_bang:2 neanderthal*:3
        meteorite*:3 gravitational:3 gravity:1.5 einstein:2 relativity:3 ecosystem*:2.5 seismolog*:3
        geolog*:3 ice_age:3 astronom*:3 astrophysic*:3 mammoth:2 science:3 sciences:3 scientific:3
        scientist*:3 researcher*:2 research:1.5 study:1 studies:1 discover*:1.5 discovery:2
        laboratory:2 lab:1 experiment*:2 physics:3 physicist*:3 chemistry:3 chemist*:2 biology:3
        biologist*:3 evolution*:2 species:2.5 fossil*:3 dinosaur*:3 archaeolog*:3 ancient:1
        genetic*:1.5 genome:2 dna:2 journal:1 nature:1 particle*:2 quantum:2.5 telescope*:3
        math*:1.5 theory:1
        """,
    "science-space": """
        cosmos:2.5 spacetime:3 nebula:3 milky_way:3 spacewalk:3 cosmonaut*:3 rover:2.5 starship*:2
        astronom*:1.5 space:1.5 nasa:3 esa:2 spacex:3 astronaut*:3 spacecraft:3 satellite*:2
        rocket*:1 launch:0.5 orbit*:2.5 planet*:3 mars:2.5 moon:1.5 lunar:3 asteroid*:3 comet*:3
        meteor:3 meteors:3 galaxy:1 galaxies:3 universe:3 cosmic:3 black_hole*:3 solar_system:3
        star:0.3 stars:0.3 space_station:3 telescope*:1.5 hubble:3 exoplanet*:3 big_bang:3
        supernova*:3
        """,
    "science-climate": """
        climate:3 climate_change:3 global_warming:3 greenhouse:3 emissions:2.5 carbon:2
        environment*:2 pollution:2.5 polluti*:2 deforestation:3 glacier*:3 ice_sheet*:3 sea_level*:3
        arctic:2 antarctic*:2.5 ozone:3 biodiversity:3 conservation:2 wildlife:2 endangered:2.5
        extinct*:2.5 coral*:2.5 ocean*:1.5 drought:1 epa:2 ipcc:3
        """,
    "science-nature": """
        species:1 animal*:1.5 whale*:2 shark*:2 bird*:1 insect*:2 bees:2 plant*:0.5 forest*:1
        fossil*:1 dinosaur*:1 zoo:2 elephant*:2 gorilla*:2 panda*:2
        """,
    "health": """
        approval:0.3 drugmaker*:2 biotech*:1.5 medical_device*:3 emergency_room:3 ambulance:2
        paramedic*:2 icu:3 nursing_home*:3 elderly:1 aging:1.5 longevity:2 life_expectancy:3
        mortality:2.5 death_rate:2 overweight:1.5 bmi:3 body_mass:3 waist:2 soda:1.5 junk_food:3
        fast_food:1.5 meat:1 vegetarian:2 vegan:2 organic:1 gluten:3 celiac:3 coffee:1 caffeine:2.5
        drinking:1 binge:1 alcoholism:3 insomnia:3 stress:1.5 mental_illness:3 schizophrenia:3
        bipolar:3 ptsd:3 eating_disorder*:3 anorexia:3 bulimia:3 cognitive:2 concussion*:3
        brain_injury:3 down_syndrome:3 birth_defect*:3 premature:1.5 newborn*:2 breastfeed*:3
        c_section:3 miscarriage:3 menopause:3 hormone*:2.5 testosterone:3 estrogen:3 sperm:2 std:2
        stds:3 hpv:3 herpes:3 syphilis:3 gonorrhea:3 chlamydia:3 condom*:2 circumcision:2.5
        leukemia:3 lymphoma:3 melanoma:3 skin_cancer:3 tanning:2 sunburn:2 radiation:1 x_ray*:2
        mri:3 ct_scan*:3 ultrasound:3 biopsy:3 chemo:3 immunotherapy:3 immune:2.5 immunity:1.5
        antibod*:3 inflammation:3 arthritis:3 osteoporosis:3 bones:1 back_pain:3 migraine*:3
        headache*:2.5 epilepsy:3 seizures:1 parkinson*:3 multiple_sclerosis:3 cystic_fibrosis:3
        sickle_cell:3 hemophilia:3 dialysis:3 pancrea*:3 insulin:3 blood_sugar:3 glucose:3 heart:1
        cardiac:3 cardiovascular:3 cardiolog*:3 arteries:3 artery:3 transfusion:3 organ_donor*:3
        surgical:3 anesthesia:3 painkiller*:3 antidepressant*:3 ritalin:3 adderall:3 oxycontin:3
        pharmacy:3 pharmacist*:3 generic_drug*:3 dose:2 doses:2 dosage:3 side_effects:3 placebo:3
        clinical_trial*:3 medical_records:3 telemedicine:3 uninsured:3 world_health_organization:3
        public_health:3 epidemiolog*:3 pathogen*:3 bird_flu:3 h1n1:3 h7n9:3 swine_flu:3 norovirus:3
        food_safety:2.5 contaminat*:2 toxic:1 bpa:3 lead_poisoning:3 asbestos:3 smog:2 pollen:2.5
        hay_fever:3 flu_season:3 cough:2.5 fever:2.5 sneez*:2.5 rash:2 lice:2.5 rabies:3 plague:2
        anthrax:2 smallpox:3 mumps:3 whooping_cough:3 pertussis:3 chickenpox:3 shingles:3
        meningitis:3 pneumonia:3 bronchitis:3 sepsis:3 mrsa:3 fungal:3 parasite*:2.5 malnutrition:3
        study_finds:1 researchers_say:0.5 health_officials:3 medical_marijuana:3 salmonella:3
        e_coli:3 food_poisoning:3 listeria:3 mosquito*:2 dengue:3 chikungunya:3 lyme:3 cholesterol:3
        statin*:3 aspirin:3 blood_pressure:3 hypertension:3 breast:1.5 prostate:3 chemotherapy:3
        opioid*:3 overdose*:2.5 heroin:2 marijuana:1.5 cannabis:1.5 addiction:2.5 contracepti*:3
        birth_control:3 fertility:2.5 ivf:3 nih:3 health_insurance:3 affordable_care_act:3 risk_of:2
        linked_to:1 covid*:3 coronavirus*:3 health:3 healthy:2 healthcare:3 health_care:3 medical:3
        medicine*:3 hospital*:2.5 doctor*:2.5 physician*:3 nurse*:2 patient*:3 disease*:3 illness*:3
        ill:0.3 sick:1.5 symptom*:3 diagnos*:3 treatment*:2.5 treat:1 therap*:2.5 cure:2 cancer*:3
        tumor*:3 tumour*:3 diabetes:3 diabetic:3 obesity:3 obese:3 heart_attack*:3 heart_disease:3
        stroke*:2 alzheimer*:3 dementia:3 autism:3 adhd:3 depression:1.5 mental_health:3 anxiety:2
        suicide:1 brain:1.5 blood:1.5 kidney*:3 liver:2 lung*:2.5 asthma:3 allerg*:3 vaccin*:3
        virus:2 viruses:3 viral:0.5 infect*:3 outbreak*:2.5 epidemic*:3 pandemic*:3 flu:3
        influenza:3 measles:3 ebola:3 mers:3 sars:3 hiv:3 aids:1 malaria:3 polio:3 tuberculosis:3
        hepatitis:3 bacteria*:3 antibiotic*:3 superbug*:3 drug:1 drugs:1 prescription*:3 pill:2
        pills:2 pharma*:2 pharmaceutical*:2 fda:2.5 cdc:3 surgery:3 surgeon*:3 transplant*:3
        clinic*:2.5 clinical:3 trial:0.5 smoking:2.5 smoker*:3 tobacco:2.5 cigarette*:2.5
        e_cigarette*:3 ecig*:3 vaping:3 alcohol:1.5 diet:2 diets:2 dieting:3 nutrition:3 calorie*:3
        exercise:2 fitness:2 weight_loss:3 sleep:1.5 pregnan*:1.5 births:1.5 infant:2 infants:2
        medicaid:2.5 medicare:2.5 insurance:0.5 genetic*:1 gene:2 genes:2 stem_cell*:3 mammogram*:3
        screening:2 sunscreen:2 skin:1 vitamin*:3 sugar:1 salt:1 fat:1 obamacare:1.5
        """,
    "health-medicine": """
        treatment*:1 drug:1 drugs:1 surgery:1 therap*:1 fda:1 clinical:1 patients:1 cancer*:1
        transplant*:1 pharma*:1 prescription*:1 hospital*:1 doctors:1 cure:1
        """,
    "health-outbreaks": """
        outbreak*:2 epidemic*:2 pandemic*:2 virus:1.5 infect*:1.5 vaccin*:1 measles:2 ebola:2 mers:2
        flu:1.5 influenza:1.5 quarantine*:3 cases:1 contagious:3
        """,
    "health-living": """
        diet:2 diets:2 nutrition:2 calorie*:2 exercise:2 fitness:2 weight_loss:2 obesity:1 sleep:1
        sugar:1 healthy:1 vitamin*:1 workout*:3 yoga:3
        """,
    "sports": """
        sport:3 sports:3 sporting:2 game:0.5 match:1.5 matches:1.5 team:1 teams:1 player*:1.5
        coach:2 coaches:2 season:0.7 league:2.5 leagues:2.5 championship*:2.5 champion:1.5
        champions:1.5 title:0.5 tournament*:2.5 cup:1.5 final:0.7 semifinal*:3 quarterfinal*:3
        win:0.5 wins:0.7 won:0.5 beat:0.7 beats:1 defeat*:1 victory:0.7 score:0.7 scored:2
        scores:0.7 goal:1.5 goals:2 medal*:2.5 athlete*:3 stadium*:2.5 fans:0.5 playoff*:3
        injury:1.5 injured:1 striker:3 midfielder:3 defender:1.5 goalkeeper:3 transfer:1 draft:1
        rookie:2.5 mvp:3 referee*:3 olympi*:3 marathon:3 boxing:3 boxer:3 ufc:3 mma:3 wrestl*:2
        cycling:3 cyclist*:3 rugby:3 hockey:3 nhl:3 swimming:2 swimmer*:3 skiing:2.5 racing:1.5
        race:1 club:0.7 squad:2 fixture*:2.5 innings:3 hat_trick:3 world_cup:3
        """,
    "sports-football": """
        football:1.5 soccer:3 fifa:3 uefa:3 premier_league:3 champions_league:3 la_liga:3
        bundesliga:3 serie_a:3 striker:2 midfielder:2 goalkeeper:2 penalty:1 world_cup:2
        manchester:2 arsenal:3 chelsea:2 liverpool:2 barcelona:1.5 real_madrid:3 bayern:3 juventus:3
        tottenham:3
        """,
    "sports-american-football": """
        nfl:3 quarterback*:3 touchdown*:3 super_bowl:3 linebacker*:3 wide_receiver:3 ncaa:1.5
        """,
    "sports-basketball": """
        basketball:3 nba:3 dunk*:2 lakers:3 celtics:3 knicks:3 march_madness:3
        """,
    "sports-baseball": """
        baseball:3 mlb:3 pitcher*:3 home_run*:3 inning*:3 yankees:3 red_sox:3 dodgers:3
        """,
    "sports-tennis": """
        tennis:3 wimbledon:3 us_open:1.5 french_open:3 australian_open:3 atp:3 wta:3 grand_slam:2
        federer:3 nadal:3 djokovic:3 serena:2
        """,
    "sports-cricket": """
        cricket:3 wicket*:3 innings:1.5 test_match:3 odi:3 t20:3 ipl:3 batsman:3 bowler*:2
        """,
    "sports-motorsport": """
        formula_one:3 f1:3 grand_prix:3 nascar:3 motogp:3 indycar:3 rally:0.5 pit_stop:3
        """,
    "sports-golf": """
        golf:3 golfer*:3 pga:3 birdie*:3 bogey:3 ryder_cup:3 tiger_woods:2
        """,
    "sports-olympics": """
        olympic*:3 paralympic*:3 ioc:3 medal*:1 sochi:1.5 winter_games:3
        """,
    "entertainment": """
        tv_show:3 late_show:3 tonight_show:3 letterman:3 leno:3 colbert:2.5 kimmel:3 fallon:3
        oprah:3 saturday_night_live:3 game_of_thrones:3 walking_dead:3 mad_men:3 breaking_bad:3
        downton_abbey:3 house_of_cards:2.5 glee:3 true_detective:3 met_your_mother:3
        big_bang_theory:3 simpsons:3 family_guy:3 south_park:3 star_wars:3 star_trek:3
        harry_potter:3 hunger_games:3 twilight:1.5 transformers:2 avengers:3 x_men:3 spider_man:3
        spiderman:3 batman:3 superman:3 captain_america:3 iron_man:2 godzilla:3 beatles:3
        rolling_stones:3 madonna:3 beyonce:3 rihanna:3 taylor_swift:3 lady_gaga:3 justin_bieber:3
        bieber:3 kanye:3 jay_z:3 eminem:3 adele:3 katy_perry:3 miley_cyrus:3 one_direction:3
        coldplay:3 kardashian*:3 ed_sheeran:3 billie_eilish:3 harry_styles:3 bts:2 selena_gomez:3
        ariana_grande:3 tom_cruise:3 brad_pitt:3 angelina_jolie:3 dicaprio:3 johnny_depp:3
        tom_hanks:3 meryl_streep:3 george_clooney:3 scarlett_johansson:3 jennifer_lawrence:3
        jennifer_aniston:3 jennifer_lopez:3 paparazzi:3 entertainer*:3 showbiz:3 stardom:3 tv_host:3
        talk_show_host:3 sitcom:3 miniseries:3 docuseries:3 anime:2.5 cartoon*:2 animation:2
        box_office:1 opening_weekend:3 weekend_box:3 sequel:1 prequel:3 spin_off:1 crossover:1
        box_office_hit:3 blockbuster:2 paramount:2 warner_bros:3 universal_pictures:3 lionsgate:3
        dreamworks:3 sony_pictures:3 miramax:3 showtime:2.5 amc:2 bravo:1 e_news:3 people_magazine:3
        billboard:2 rolling_stone:2 grammys:3 oscars:3 golden_globes:3 emmys:3 tony_awards:3
        bafta*:3 cannes:2 sundance:2 comic_con:3 singer_songwriter:3 pop_star:3 rock_star:3
        reality_star:3 tv_star:3 movie_star:3 film_star:3 hollywood_star:3 starlet:3 diva:2 sexy:1.5
        bikini:2 topless:2 underwear:1.5 costume*:1.5 outfit:2 wardrobe:2 photoshoot:3 magazine:1
        vogue:3 playboy:2 feud:2 twerk*:3 mtv:3 vma*:3 american_idol:3 x_factor:3 the_voice:2
        bachelor:2 bachelorette:3 rehab:1.5 mugshot:2 setlist:3 lollapalooza:3 glastonbury:3
        eurovision:3 musical:2 soundtrack:3 spoiler*:3 recap:2.5 review:1 reviews:1 debut:1.5
        debuts:1.5 audience:1 viewers:1.5 ratings:1 season_finale:3 sxsw:0.5 entertainment:3
        celebrit*:3 celeb:3 celebs:3 star:1.5 stars:1.5 starring:3 starrer:3 famous:1 fans:1
        hollywood:3 movie*:3 film:2.5 films:2.5 cinema*:3 box_office:3 actor*:3 actress*:3
        director:1 music:3 musician*:3 singer*:3 song*:3 album*:3 band:1.5 concert*:3 tour:1
        rapper*:3 pop:1.5 rock:1 tv:2.5 television:2 show:1 shows:1.5 series:1.5 season:0.7
        episode*:3 finale:3 premiere*:3 sitcom:3 drama:1.5 comedy:2 comedian*:3 oscar*:3 grammy*:3
        emmy*:3 golden_globe*:3 awards:1.5 award:1 red_carpet:3 festival:1.5 netflix:2 hbo:3
        disney:2 broadway:3 theater:2 theatre:2 book:1 novel*:2 author:1.5 wedding:2 married:1.5
        marries:3 marry:1.5 engaged:2 engagement:1.5 divorce*:2 boyfriend:3 girlfriend:3 husband:1.5
        wife:1 dating:2.5 romance:2 split:0.5 baby:1 pregnant:1 fashion:2.5 dress:2 gown:3 model:1
        beauty:1.5 royal*:1.5 prince:1.5 princess:2 duchess:2.5 queen:1 selfie:2 paparazzi:3
        trailer:3 sequel:3 reboot:2 remake:3 cast:2 role:1.5 character:1 interview:0.5 reality_tv:3
        talk_show:3 host:1 hosts:1 video:0.5 music_video:3 dance:1.5 dancing:2 instagram:0.5
        gossip:3 tabloid:2
        """,
    "entertainment-film": """
        movie*:2 film:2 films:2 cinema*:2 box_office:2 actor*:1 actress*:1 director:1 trailer:2
        sequel:2 hollywood:1 oscar*:1.5 starring:1 starrer:2 cannes:3 sundance:3 biopic:3
        blockbuster*:2 animated:2 superhero*:2 marvel:2 pixar:3 screenplay:3 filmmaker*:3
        """,
    "entertainment-music": """
        music:2 musician*:2 singer*:2 song*:2 album*:2 band:1 concert*:2 tour:1 rapper*:2 pop:1
        rock:1 hip_hop:3 grammy*:2 billboard:2.5 chart:1 charts:1 coachella:3 music_video:2 lyrics:3
        festival:0.5 guitarist*:3 drummer*:3 vocalist*:3 single:1 track:0.5 itunes:1.5
        """,
    "entertainment-tv": """
        tv:2 television:2 series:1 season:1 episode*:2 finale:2 premiere*:1 sitcom:2 show:1
        talk_show:2 reality_tv:2 emmy*:2 hbo:2 netflix:1 abc:1.5 nbc:2 cbs:2 fox:0.5 bbc:0.5
        late_night:2 host:1 viewers:2 ratings:1.5 spinoff:3 showrunner*:3 snl:3
        """,
    "entertainment-celebrity": """
        celebrit*:2 celeb:2 celebs:2 wedding:1.5 married:1 marries:2 engaged:2 engagement:1
        divorce*:2 boyfriend:2 girlfriend:2 dating:2 romance:1 baby:1 pregnant:1 split:0.5
        red_carpet:2 paparazzi:2 selfie:1 gossip:2 royal*:1.5 prince:1 princess:1.5 duchess:2
        fashion:1
        """,
    "entertainment-books": """
        book:1.5 books:2 novel*:2 author:1.5 authors:2 bestseller*:3 memoir:3 poet*:3 poetry:3
        literary:3 publisher:1 museum*:2.5 exhibition*:2 art:1 artist*:1.5 painting*:2.5 gallery:2
        broadway:1.5 theater:1 theatre:1 opera:3 ballet:3 comic*:1.5
        """,
}
