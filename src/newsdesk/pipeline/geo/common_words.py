"""Everyday English words and phrases that are also names of cities in the gazetteer.

A city whose name is one of these words ("Nice", "Reading", "Mobile", "Summit") is believed
only with context of its own. The list holds the single-word city names (other than those of
cities over a million people) that are frequent words of English: about the 30,000 commonest
words, as word-frequency tables of English rank them.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _phrases(text: str) -> frozenset[str]:
    return frozenset(" ".join(phrase.split()) for phrase in text.split("|"))


COMMON_NAMES = _words(
    """
    aa aap abba abbas aberdeen abt abu acre acs ada adam adams addison adi adler admiralty ado
    adrian aga agar agatha ahmad ai aiken aim airport ajax aka akron alameda alamo alba albany
    albert alberto albino albion albuquerque aldridge ale alexander alexandra alfonso ali alia
    alice alicia allah allegheny allen alley alliance alma aloha along alot alpha alpine alta
    altar alter alton alvin ama amber amelia amen americana ames amherst ami amos amsterdam ana
    anaheim anand anchorage anderson andes andi andrea andreas andres andrews anew angela
    angeles angelina angle angles angus ann anna annapolis annex anon ans ant antelope anthem
    anthony antigua antioch anton antony antrim antwerp anus apache apex appleton apt ara arab
    arc arcadia are area arenas ares argos ari ariana arias ariel arlington armstrong arnold
    aroma aron ars arse art artemis as asa asbestos ascension ascot ash asheville ashland ashley
    ashton ask asp aspen ast aston astoria at ate athena athens atkinson atlanta atlantic
    atlantis au auburn august augusta aurora auschwitz austin avalon avon axel ay aziz aztec ba
    bab baba babylon bacon bad baden badger bae bag bah bai bailey bain baja bake baker
    bakersfield baldwin bale balfour bali baltimore bam bama ban banco band banda bane bangalore
    banged bangor bangs banjo bank banks banning bao bar bard bare barking barn barnes barnsley
    barr barrage barre barren barrie barrow barry bart bartlett barton base basel basic bat
    bateman bath bathurst batman battle battlefield battleground baxter bay bayer be beacon bear
    beatrice beaufort beaumont bed bedford begun bel belfast bell bella belle bellevue bello
    belmont ben bend bender benghazi benson bent bentley benton berg bergen berkeley bern bert
    berwick best bethany bethel bethesda bethlehem beverly bid big bihar bile billed billings
    billy bingham bismarck bites bla blackburn blackjack blackpool blackstone blackwater
    blackwell blaine blair blanc blanchard bled bloom bloomfield bloomington bluffs blur bo bobo
    bode bohemia boi boise bologna bolton bombay bon bona bonanza bonaparte bone bong bonn bono
    boo boom boomerang boon boone booth bor bora bordeaux bore borg born borne bos bose boston
    botany bottom boulder bourne bournemouth bow bowen bowie bra brad bradford bradley brady
    brake bran branch brandon branson bras brass bray breakers bree brendon brent brentwood
    brewer brewers brick bride bridgeport bridgewater brigham bright brighton brine bristol
    brits bro brody bronson bronx brooke brookings brooks bruce brunswick brush brutus bryan
    bryant buchanan buckingham buckley bucks bud buffalo bully bum bun burbank burke burlington
    burnham burnley burrow burton bury busch bush bust but butler butte butterfly buy byron
    cabot cabrera cadillac cage cairns cal calais calamity calcutta caldwell calhoun caller
    cambridge camden cameron camilla camo campbell can canal canals canberra canes cannes
    canning canterbury canton canyon capri cardiff cardigan care carey carlisle carlton carmel
    carmen carmichael carnegie carney carolina caroline carpenter carroll carry cars carson
    carthage carver cary cascade casey cashmere casino casper castillo castle castro cat
    catalina cathedral cave cebu celebration cell centennial center central centro cents
    centurion chai chair chalet chamber champagne champaign champion champs chance chandler
    chandra chang change charleston charlotte charlottesville charlton chas chat chatham
    chattanooga chavez che cheddar chelsea cheltenham cheney cheng cher cherokee chesapeake
    cheshire chester chesterfield cheyenne chi chia chichester chico chihuahua chin chinatown
    chino choir chop christchurch christina chu chung cicero cincinnati citadel cite citrus civ
    clarence clarendon clark clarkson claudia claudio clay clayton clearwater clemson cleveland
    clifton clinton clive clot cloud clover clyde coachella coal cobra coca cochrane coco cocoa
    cody coin cola colbert colby colchester coleman coll college collingwood collins cologne
    colombo colon colony colton columbia columbus com coma combs come comma commerce
    commonwealth como compendium compton conception concord concordia condom cone confederation
    conley consolation constance constantine constantinople conte converse conway coo cop cora
    corbin cordon corey cork cornelius cornwall corona corral cortez cos costello cot
    countryside coutinho cove coventry covington cowell cox coyote craig crane crawley creek
    crest crete cristina crocker crockett cromwell crook crosby crossroads crowley croydon cruz
    crystal ct cu cumberland cumbria cumming cummings cunningham currie cutler cutoff cypress
    dab dade daisy dalai dalton dam dame dan dana dandy danville daphne dar darby darling
    darlington dartmouth darwin date davenport david davidson davies davis davos dawn dax dayton
    daytona deal dearborn decatur defiance deli delta denise denny dent denton denver derby
    derry des desmond det detroit devi devin devine devon dewey dexter dia diamond diana dick
    dickinson dickson dig dillon dion dir dire dis diss diva divas dives dixon do dobson doha
    doi dole dolores dolphin dom dome doncaster donetsk donna dorado dorchester doris dortmund
    douglas douglass dover downey downside downtown drama draper dre dresden drone drug dual
    dubois dudley due duluth dumfries dun dunbar duncan dundee dunkirk dunlop dunn dupont duran
    durant durham dusty duval dyer ea eagle earle earnest eastman easton eastwood eaton echo
    economy ed eden edinburgh edison edmond edna edo edwards eel egg eid elbow elena elgin eliot
    elizabeth elk ellington elliot elm elon elsa ely emerald emerson emery emi emile emmett
    empire ems enfield engineer ennis enoch enter enterprise ephraim epsom er era eras erasmus
    erie erin erode erwin essendon essex ester eu eugene eureka evans evelyn ever everett
    evergreen ewing exeter ezra fabregas fairbanks fairfax fairfield fallon fang far farah fargo
    farmers fate fatima fayetteville federal federation fei feng fenton fer ferdinand fergus
    ferguson fernandez fife finley fireworks fitzgerald flashing flea fleet fleetwood fletcher
    flinders flint flora florence flores flushing foley forbes fore forest forge forrest forster
    fortune fountain fowler francisco francois frankenstein frankfurt franklin franz fraser
    frazier frederick freedom freeman fremantle fremont freshwater fresno friendly from frost
    fry fu fuji fukushima fulham fullerton fully fulton furnace gaia gainesville gal gale gallup
    galveston galway gamma gan gao gap garb garcia gardiner gardner garfield garland garner
    garnet garrett garrison gary gateway gay gaza gaze geelong gel genes geneva genoa gent
    george georgetown ger gettysburg gif gil gilbert gill gillette gin glad gladstone gland
    glasgow glastonbury glen glendale globe gloria gloucester goa god goddard godfrey goes gold
    goldberg golden gomez gonzales gonzalez goodyear google gordon gore gorman got goto grabs
    grad graham gran granada grange granger grant grants granville gras grass grave gray green
    greenfield greens greensboro greenville greenwich greenwood greer gregg grenade griffin
    griffith griffiths grimes grin grit grove grover groves guantanamo guerrero guildford guise
    gums guns gus guthrie gutierrez ha hadley hagen hague haha haiku hail hailey hal hale
    halfway halifax hall halle ham hamas hamid hamilton hamlet hammond hampden hampshire
    hampstead hampton hang hanna hannibal hanover hanson hara haram hard harding harlan harlem
    harlow harman harp harper harrington harrisburg harrison harrow hart hartford hartley
    harvard harvest harvey hassan hastings hat hatfield hawthorn hawthorne hayden hayes hays
    hayward hazard headquarters heath heathrow hebron heidelberg heist helena helsinki hem
    hemsworth henderson henrietta hercules hereford herrera hershey hewitt hewlett heywood
    hickory highland highlands highway hillsborough hillside hilton hippo hire hit hitachi
    hitchcock hiv ho hobart hobbs hoboken hof hola holden hole holiday hollis holloway holly
    hollywood holt homeland homer homestead homo hon honda honolulu hoo hook hooper hoover hope
    hopkins horde horn horowitz horseshoe hou houghton hove howard howell hu hua hub hubbard
    huddersfield hudson huey hughes hugo hui hula hull human humble humboldt humphrey hun hunt
    hunter huntington huntsville huron hurricane hurst hutchinson hyde ibiza ico id ida ide ie
    ifs ig ii il imperial in ina inca incline independence indianapolis int inverness ipo
    ipswich ira irene irs irvine irving isa isabel isabella isla islamabad isle islington ismail
    issa ita ithaca ito iu ivan ive jackson jacob jade jam jammu jana janet jang jar jasper jed
    jefferson jennings jenny jericho jerome jerusalem johannes johnson johnston johnstone jonah
    jones joshua juan jubilee judah jules julia juliet junction juno jupiter justice kai kale
    kali kamal kami kane kang kant kanye kara karin karma katherine kathleen kato katy kaufman
    kaye kearney kee keen keith keller kelly ken kendall kennedy kensington kent kermit kew
    keystone khalil khan kiev kiki kilo kim kimberley kimberly kimi kin kinder king kings
    kingsley kingston kira kirby kirkland kissing kite knoxville ko kodak kong kos kramer
    krishna kristina kung kyle labrador lac lacey lacrosse lafayette lag laguna lai lakes
    lakeside lakewood lama lamar lame lamont lan lana lancaster lander landing landon lane lange
    langley lanka lansing lara larkin lat latham latina lau lauderdale laurel laurent lavender
    law lawrence lawson lawton lazy le leader lee leeds lees legacy lehigh leicester leigh
    leipzig leland lemme lemon len lena lend lender lenin leningrad lennox lens lent leo leon
    leopold leroy les leslie lessen lester lev levi levin lewis lexington li liang lib liberal
    liberation liberty lice lids lie lien lil lila lim lime limerick limo lin lincoln
    lincolnshire linda linden lindsay linen linn lion lis lisbon lively liverpool livingston
    livingstone lobe lockhart lockwood log logan logos loki lola lombard lon londonderry lone
    long loop lopez loren lorenzo lorraine lot louisville louvre lowell lu lubbock luc luca
    lucas lucia luck luis luka lukas luna lund lure luton luz lyman lyn lyndon lynn lynne lyon
    lyons macarthur macau mach machado mack mackay macleod macon macpherson made madeleine
    madison madras mafia maga mage magenta magna magnolia mahogany mai maitland major mak malaya
    male malibu mallet malone man mana manage manchester mandela manga mango mani mania manly
    manning manor mansfield manu manuel mao marathon march marco margaret margarita mari maria
    marian mariana mariano marietta marin marina marino marion market markham marks marlboro
    marlborough marlin marquette marrow marsden marseille marshal marshall martin martina
    martinez martins marvin marx mary mascara mascot mason massa massey mata matthews mau
    maxwell may maya mayan mayfield maynard mayo mba mcallister mcdonald mcgregor mckenzie
    mckinney mclean mcmillan mcpherson me mead mecca med media medina meds mega mei mel melissa
    melo melrose melville memphis mendes mendoza mentor mer mercedes mere meridian merit merkel
    merrick merrill merritt mesa meta metro metropolis mets miami michel mid middlesbrough
    middlesex middleton middletown midfield midland midway mil mila milano mile milford mill
    milo milton milwaukee mina mine minneapolis minus mira miranda mission mitchell mite mobile
    model modern moe moi mojo mol mold mole molina molotov mon monet monmouth monroe mons
    monsanto monster montague monte monterey montgomery monument moody moor moore mor mora
    morales moran more moreno mori morley moron morris morrow morton mos mosquito moss most moth
    mould mound much mullen mumford munster muriel murphy murray mus mustang myers myrtle mystic
    nada nadia nag nagar nah nails nakamura name nan nancy napa napier naples napoleon napoli
    naruto nashville nassau natal nato naval navarro nave nazareth needle needles nelson nero
    never newark newbury newcastle newman newport newton newtown ngo nguyen niagara nice
    nicholls nico nigel nik nikki niko nikolai niles nina nine nit nitro nix no noble noisy
    nokia nola none nora norfolk normal norman norris north northampton northumberland norton
    norwich norwood nose nottingham nov nu nuremberg oakland oakley oasis ob obama obi occasion
    oceanic od oda ode odessa of off officer ogden ogre oi okay okinawa oldham olds oliver
    olivia olympia olympic omaha omar one ono ontario op opera opportunity or ora oral orange
    orchards oriental orion orkney orlando orleans ortega os osborn osborne osu otis outer
    overland ox oxford pace pacific packard paddington padilla page paine pains painter paisley
    pak pal pale palermo palestine palin palmer palms palo pan panda pandas panorama pantheon
    pao pap papa paper par para paradise paramount parker parkinson parkland parkway parma
    parole parramatta parrish parsons pasadena pascal paso passage paterson patrick patterson
    patti pau paula pax paxton paz peabody pearl pedro peel peer peking pembroke pen penal
    pendleton pensacola peoria perez perish perm perry perseverance pet petal peterborough
    peters petersburg petit petra pets philly pia piazza pickering pico piedmont pier pierce
    pierre pike pin pine pinto pisa pita pittsburgh plain plan plantation plaque plato playa
    plaza plum plunge plymouth po poking pol police poll polo pompey pond pong pont pontiac
    poole pop poplar port portage porter portland porto portsmouth posse possession post potomac
    powell prada pratt pre prescott preston price princeton pristine proclamation progress
    project prospect prosper proton proven providence pryor pta puck pueblo puerto puig puke
    pullman puma pun punch purcell put putnam quack quebec quincy race radcliffe rafa rail rain
    raj raja raleigh ram rama ramadan raman ramirez ramon ramos rams ramsey ran rand randolph
    rankin rapid ras rashid ray reach reading real redding redmond redwood rees regina rehab
    reid rem remington ren rene reno republic res reserve reservoir rest retreat revel revere
    reyes reza rhode rhodes rich richard richardson richmond ridge riding rifle rig rim rio
    ripley rise risen ritchie rivera riverside riviera ro roanoke robbins robe robert robertson
    robinson rochdale rochelle rochester rock rockford rockville rockwell rodeo rodriguez rogers
    roles rom roma roman romans romo ron roosevelt ros rosa rosario roscoe rose rosenberg
    rosenthal roses rosetta ross roswell rot roth rotherham rothschild rotterdam rouge
    roundabout rouse roux roy rubio rugby ruiz rum run rung rupert ruse rush russell rust rustic
    rutherford rye sabha sack sacramento sag saga sai saigon sake sakura sal salam salazar sale
    salem sales salford saline salisbury salon salt salzburg sam sama samba same sami san sana
    sanchez sand sandwich sandy sanford santa santana santander santo santos sar sara sarajevo
    sarasota saratoga sari satan sato sauce sauces savage savannah save savoy sax saxon say
    scarborough schooner schroeder scotia scott scottsdale scranton se seaside seattle sebastian
    sector sedan see seen selma semi send seneca sens ser sera serena set severn sevilla seville
    seward seymour shack shaft shag shan shannon shaping sharon shaw she sheffield shelby
    sheldon shelley shelly shelton sheridan sherman sherwood shi shields shirley shone shoreline
    shot shrewsbury shu shut si side sidney siegfried sig silly sim sims sin since sine sing
    singleton sinn sino sion sire siren siri sirius sis ski skit skye slater slaughter slide
    slough smiths snowflake snyder so sochi soda soho sol sole solitude solo soma somerset
    somerville son song sonoma soo sophia sore soto soul sour southampton southend southport spa
    sparks sparta spat speedway spencer spike spire split spokane spoken spray spring
    springfield springs ss stafford stains stalin stamford stan stanford stanley stanton star
    stark stein stella stephenson steps sterling stewart stirling stockton stoke stone stoner
    store story stow strand strasbourg stratford strawberry street sts stuart stuttgart su
    suarez success sue sues suez suffolk sui sullivan sully sulphur summer summit sumner sumo
    sundance sunderland sunrise sunset sunshine superior sur surprise surrey sus sussex
    sutherland sutton suv suzy swallow swamp swan swansea swindon switch swords syd syed
    sylvester syracuse ta tacoma tactic taft tai tak taker tal tale talent tall tallahassee tam
    tame tampa tan tango tank tap tape tapes taping tapping taps tar tara tat tata tau taylor te
    teh tell tempe temperance temple templeton tender tendon tent tequila teresa terminus
    terrace thames than thatcher theodore thompson thomson thorn thorne thornton thorpe tic til
    tilt timberlake time tin tina ting tire tis to tod toledo tome ton tone tongue toon topeka
    tor tori torn toro torrance torrent torres toto tottenham toulon toulouse tour tours
    townsend townsville toyota tracy trafalgar trail tran trans transit trap tre trent trenton
    triangle trident trim trinidad trinity trojan trooper troy truman truss tsunami tu tub
    tucker tucson tulsa tum tundra tune tunes tunis turbo turin turn turner tuscany tutu tweed
    twin twist tyler tyre tyrone ud ue uf ulysses un una underwood union university upi upland
    upton uptown ur urbana uri uses ute uva vail valentine valley van vancouver vanderbilt vans
    varsity vas vaughan vauxhall ve vega vegas venice ventura vera verde vernon verona
    versailles veto vi vic vicar vice victor victoria vida vie villa villas villiers vin vincent
    vine vineyard viola vista vita vito vladimir vo vols voltaire von voss vulcan wa waco wad
    waging wagner wah wai wainwright waits wake wakefield wal walden waldorf walk walker waller
    walnut walters walton wan wanda ward warden ware warner warren warrington warwick waterford
    waterloo watford watson wave wayne ways we weasel weber webster wed wedding week wei weir
    welcome wellington wells wembley wen wendell wesley westbrook westchester westerly westfield
    westminster weston westside westwood wharton wheaton wheeling whistler whitehall whitehouse
    whitman whitney wichita wick wigan wil wilbur wilderness wilkinson willard williams
    williamsburg williamson willis willoughby willow wilmington wilson wilton wimbledon
    winchester windsor winnipeg winslow winston winters winthrop wolverhampton woodland
    woodlands woodley woodrow woodstock woodward worcester worms worth worthington wright wynne
    yan yang yao yaya ye yeh yen yew yoga yoko york yorkshire young yu yuki yukon yuri zachary
    zane zara ze zero zest zimmerman zion zurich
    """
)

# City names of several words that are all frequent English words ("White House" is an
# alternate name of Casablanca, "The River" one of New Brunswick): as alternate names, never
# indexed.
COMMON_PHRASES = _phrases(
    """
    a hu chen | a k'o su | a k'o su chen | a le t'ai | a li | a li ho | a lo t'ai | a lo t'ai
    chen | a mi | abbey road | abbey wood | aberdeen centre | aberdeen harbour | above rocks |
    abu dis | abu hail | abu road | abu thor | abu tor | abu tor quarter | academy garden | ad
    dana | adams morgan | adelaide cbd | adelaide city centre | adelaide hills | ago are |
    agricultural college | agricultural engineering town | ah twin pa dan | air force academy |
    airport west | al bi na | al hai | al hay | al kuwait | al madam | al ram | al russ | al
    salt | alabama city | alaska city | albany creek | albany i new york | albany park | albert
    falls | albert lea | albert li | albert park | alberta avenue | alexander city | alexander
    heights | alexandra estate | alexandra hills | alexandria city | alexandria i romania |
    alice springs | alice springs region | alice town | allen park | allison park | allison
    springs | ally land | am dam | american canyon | american fork | amsterdam new york usa | an
    ch'ing | an chen | an chu chen | an fu chen | an ha | an hai | an jen | an lu | an lung | an
    nas | an san | an son | an sun | an t'u | an ta | an ta chan | an ta chen | an yuan chen |
    ancient oaks | anderson court house | anderson mill | andrews farm | ang ka la | ang sang |
    ang song | angeles city | ann town | anna regina | antonio carlos | antonio maya | ap long
    hai | ap tan my | apache junction | apollo beach | apple city | apple valley | ar mans | ar
    pas | ar ram | ar rams | arizona city | arkansas city | arlington heights | artist village |
    as salt | as sur | ash vale | ashton sandy spring | at ta'if | at tall | athens clarke
    county | athens i georgia | atlantic beach | atlantic city | au pay | au pe | auburn bay |
    auburn centre | auburn hills | augusta court house | augusta richmond county | aurora center
    | aurora centre | aurora depot | aurora do para | aurora station | austin centre | ave maria
    | ay ay | b vista | ba don | ba na | ba vi | bach mai | bach son | back bay | back mountain
    | back of the hill | bad hall | baden ag | baden baden | baker city | bald hills | baldwin
    harbor | baldwin park | bale robe | balls x roads | baltimore city | baltimore highlands |
    bamboo flat | bamboo town | ban bang ban | ban bang na | ban chang | ban chang lo | ban cum
    | ban don | ban han | ban hang dong | ban ho | ban i chang | ban i let | ban i pat | ban ko
    bang pa in | ban lung | ban mae chan | ban mai | ban mo | ban na | ban na di | ban na san |
    ban nam om | ban nam sum | ban non sung | ban pa sang | ban pe | ban sam yan | ban same dam
    | ban sang | ban sing | ban singh tha | ban tha bo | ban tha mai | ban tha yang | ban thai
    tan | ban that | ban trap | ban yang | bang ban | bang bo | bang bo district | bang bon |
    bang na | bang o | bang pa in | bang sue | bang yi khan | bangalore city | bangkok
    metropolis | bangkok riverside | bank mills | bar bar | barking i england | barking town |
    barracks row | barrett town | barry i wales | barton on sea | bass hill | bass river | bat
    jam | bath beach | baton rouge | battery park city | battle creek | battle ground | battle
    hill | bay chester | bay city | bay harbor | bay harbor islands | bay heights | bay point |
    bay roberts | bay saint louis | bay shore | bay side | bay street corridor | bay village |
    bay wood | beach haven | beach park | beacon hill | beacon square | bear station | bear
    valley springs | beau priest | beaver bank | beaver creek | beaver dam | beaver falls |
    bedford heights | bee cave | bee ridge | beijing city | belfast city | bell block | bell
    gardens | bell road historical | bella union | bella vista | bella vista village | belle de
    mai | belle harbor | belle haven | belle isle | belle point | belle river | belle vale |
    bells corners | ben ahmed | ben cat | benjamin constant | benjamin hill | bennett springs |
    bentley park | berkeley heights | berkeley vale | berlin wedding | bet sean | beverly cove |
    beverly hills | bf homes | bible hill | bid rural | big apple | big bear city | big bear
    lake | big bend | big bull falls | big creek station | big easy | big flats | big flats
    airport | big lake | big lick | big palm spring | big park | big pineapple | big rapids |
    big saint joseph station | big spring | big springs | big stone gap | big swamp | bin din |
    bing ding sang | birch bay | birmingham i alabama | bishop auckland | black ankle | black
    creek | black diamond | black forest | black hawk | black jack | black mountain | black
    point | black river | black river bridge | black river settlement | black rock | black
    warrior town | blair road | blake jones | bliss corner | blossom park | blowing point
    village | blu springs | blue ash | blue bell | blue grass | blue haven | blue island | blue
    mountains | blue plum station | blue springs | bluff city | bo de | bo ka | bo sang | boat
    yard | boiling spring lakes | boiling springs | bolton hill | bolton le sands | bon air |
    bon er | bone island | bone south | bong long | border city village | borough of bronx |
    borough of brooklyn | borough of manhattan | borough of queens | borough park | boston i
    england | boston plantation | boston spa | bottle hill | boulder city | boulder hill |
    boulevard park | bound brook | bowie station | bowling green | box elder | box hill | box
    hill north | box hill south | boyle heights | boyle street | bradley gardens | bride of the
    mountain | bridge city | bridge of allan | bright wood | brighton beach | brighton east |
    brighton le sands | brighton park | brisbane central business district | brisbane city |
    bristol city | bristol rhode island | brock hall | broken arrow | broken gill | broken hill
    | brook farm | brook highland | brook park | brooklyn center | brooklyn heights | brooklyn
    park | brooklyn village | brow of the hill | brown deer | brown's village | browns bay |
    browns mills | brunswick center | brunswick east | brunswick west | bu ya map | buenos aires
    | buffalo city | buffalo grove | buffalo i new york | bull creek | bull run | bull savannah
    | bully les mines | bum e hen | bun le | burgess hill | burke mountain | burlington centre |
    burlington on burlington bay | burton on trent | burton upon trent | bury st | business bay
    | by hell | byron bay | byron center | c de mayo | c kung | c po | cable beach | california
    city | cam le | cam lo | cambridge crossing | cambridge farms | cambridge i massachusetts |
    cambridge pa new zealand | cambridge park | camden town | camden village | cameron park |
    camp collins | camp davidson | camp flora | camp hill | camp parole | camp springs | camp
    swift | camp thomas | camp vancouver | camp walton | camp worth | campbell bay | campbell
    court house | campbell river | can avid | can tho | canada de gomez | canal fulton | canal
    winchester | canberra city | cannon hill | canon city | canton de la convention | canton de
    la federation | canyon city | canyon country | canyon lake | canyon meadows | canyon rim |
    canyon springs | cap negro ii | cap saint jacques | cape coast | cape coast castle | cape
    coral | cape horn | cape may court house | cape saint claire | cape saint james | cape town
    | capitol gateway | capitol hill | carey park | carey station | carl junction | carlton
    north | carol city | carol stream | carolina beach | carolina hospital | caroline springs |
    carpenter hill | carroll park | carson city | carson city county | casa grande | casa nova |
    casa santa | castle hill | castle rock | castle shannon | castle vale | castro del rio |
    castro valley | cat ba | cathedral city | cave creek | cave spring | cd carmen | cd del
    carmen | cd victoria | cecil hills | cedar city | cedar cove | cedar falls | cedar grove |
    cedar hill | cedar hills | cedar lake | cedar mill | cedar park | cedar rapids | cedar
    valley | center city | center hill | center line | center point | central business district
    | central city | central city village | central coast | central depot | central falls |
    central manchester | central park | central point | central th street spring road | central
    valley | central village | central york | centre furnace | century city | ch'a ho | ch'a ho
    chen | ch'a mu to | ch'ai ho | ch'e li | ch'i ch'un | ch'i ho ho | ch'i hu | ch'i men | ch'i
    t'ai ho | ch'i yang | ch'ia je k'o | ch'in an | ch'ing ang | ch'ing fu | ch'ing kang |
    ch'ing kang chen | ch'ing p'ing | ch'ing p'u | ch'ing yang | ch'ing yang chen | ch'ing yuan
    | ch'ing yuan chen | cha am | cha grande | chair city | chalk farm | chambers town |
    champion heights | chan ho | chan ji | chan tan | chandler junction | chang chi | chang i |
    chang te | channel land | chapel a | chapel hill | charles city | charles hill | charles
    town | charles village | charleston i vest virginia | charlotte town | charm city | charming
    garden | charter oak | charter township of clinton | cheat lake | cheerful garden | chelsea
    heights | chen an | chen hai | chen p'ing | chen t'ou | cherry city of california | cherry
    creek | cherry hill | cherry hill mall | cherry hills village | cherry orchard | cherry
    valley | chester hill | chester le street | chester springs | chester town | chevy chase |
    chi an | chi co pee | chi ka ko | chi lang | chi lin | chi ling | chi lung | chi mo | chi
    nam su | chi yuan | chicago heights | chicago lawn | chicago loop | chicago ridge | chin
    ch'i | chin chi | chin hu | chin men | chin t'ai | chocolate mill | choi hung | choi hung
    estate | choi wan | choi wan estate i ii | christian hook | christie downs | chu chi | chu
    chu su | chu fu | chu hai | chu he | chu ho | chu ko chen | chu sung | chu t'o | church hill
    | church street | churchill park | circle city | citrus heights | citrus hills | citrus park
    | citrus ridge | citrus springs | city beach | city garden | city of albert lea | city of
    apple valley | city of austin | city of brooklyn center | city of brooklyn park | city of
    brussels | city of columbia heights | city of cottage grove | city of crystal | city of
    david | city of eden prairie | city of erie | city of fairfax | city of forest lake | city
    of gold coast | city of golden valley | city of ham lake | city of hastings | city of
    hopkins | city of jefferson | city of johns creek | city of kansas | city of london | city
    of manila | city of maple grove | city of milton | city of minneapolis | city of new
    brighton | city of new hope | city of new york | city of new york of the pacific | city of
    opportunity | city of plymouth | city of port of spain | city of port phillip | city of
    prior lake | city of ramsey | city of red wing | city of rochester | city of saint charles |
    city of saint cloud | city of saint louis | city of saint louis park | city of saint michael
    | city of saint paul | city of saint peters | city of savage | city of south saint paul |
    city of spices | city of the holy cross | city of the lakes | city of west saint paul | city
    of westminster | city of white bear lake | city of witches | city of worcester | city one |
    city presidents | city west | civil station | clarence town | clark fulton | clarke city |
    clayton le woods | clayton missouri | clayton north carolina | clayton park | clayton park
    west | clayton south | clayton west | clear lake | cleveland heights | cleveland park |
    clinton township | clyde north | co do | co long | co mac | co to | coal city | coal creek |
    coal harbour | cocoa beach | cocoa west | coconut creek | coconut grove | cold lake | cold
    spring | cold spring harbor | cold springs | cole harbour | college heights | college park |
    college place | college point | college station | colonel hill | colonial acres | colonial
    heights | colonial heights city | colonial park | colorado city | colorado springs |
    colorado triangle | colts neck | columbia barracks | columbia city | columbia falls |
    columbia heights | columbia hills | columbus i ohio | commerce city | commerce town |
    communications hill | company shops | con son | conception bay south | congress heights |
    connecticut farms | constant spring | convoy place | conway station | cookie hill | cooper
    city | coral hills | coral springs | coral terrace | cork city | corner brook | costa
    central | costa de sunshine | costa do sunshine | costa mesa | costa mesa orange county |
    cottage grove | cottage hill | cottage lake | cotton city | cotton ground | country club |
    country club estates | country club hills | country hills west | country homes | country
    homes city | country walk | county line | court house | cove village | cow bay | cow creek |
    cow ford | cradle of gold | crescent city | crescent heights | crest hill | cross country |
    cross creek | cross hills | cross keys | cross lanes | cross plains | crown point | cruz bay
    | cruz grande | crystal city | crystal lake | crystal lake station | crystal palace | cu chi
    | cut off | d town | da il | dairy farm | dairy flat | dairy valley | daisy hill | dakota
    ridge | dale city | dalton station | dam dam | dam ha | dame marie | dana point | dang ge
    lang | dark peak | darling heights | dawson creek | de ar | de land | de like | de o on go
    wa | de per | de queen | deception bay | dee why | deep hollow | deer lake | deer lick |
    deer park | deer stand hill | deer valley | deer valley village | del city | del monte | del
    ray beach | del rio | delhi hills | dell city | dell haven | den den | denver county |
    departure bay | der a | desert hot springs | detroit lakes | devils lake | di an | diamond
    bar | diamond creek | diamond harbour | diamond of the delta | diamond springs | diego
    martin | diego martin village | din le ben | din van | dir park | discovery bay | discovery
    park | district heights | do son | dock junction | doctor phillips | dodge city | dog city |
    dom pedro | don antonio | don carlos | don valley village | dong da | dong ha | dong na |
    donkey town | dos de mayo | double springs | douglas isle of man | douglas pa isle of man |
    dove valley | dover bay | dover bay park station | dover center | dover centre | dover
    chapel | dover i delaware | dover i new hampshire | dover station | dover village | downtown
    brooklyn | downtown commercial core | downtown dc | downtown dubai | downtown halifax |
    downtown st john's | downtown vancouver | downtown victoria | drake eye | drunken indian |
    dry creek | dry run | dubai city | dubai festival city | dubai international city | dubai
    international financial centre | dubai internet city | dubai investments park | dubai marina
    | dubai motor city | dubai silicon oasis | dubai sports city | dublin city | dublin south |
    duck creek | duck hill | duke city | duncan town | dundee lake | dust mohammad khan | dutch
    kills | e brunswick | e chicago | ea na | ea po | ea sup | eagle mountain | eagle pass |
    eagle point | eagle ridge | eagle river | eagle vale | east aurora | east boston | east
    brisbane | east brunswick | east brunswick township | east cambridge | east canon | east
    cape | east chicago | east clayton | east cleveland | east cost cities | east detroit | east
    end | east end village | east falls | east florence | east franklin | east garden city |
    east gore | east grand rapids | east greenwich | east grove | east hampton | east harlem |
    east hartford | east hastings | east haven | east highland park | east hills | east honolulu
    | east independence | east jamaica | east jerusalem | east jordan | east lake | east
    liverpool | east london | east long meadow | east los angeles | east meadow | east meadows |
    east melbourne | east milton | east naples | east new york | east newton north | east newton
    south | east oak lane | east orange | east perth | east phoenix | east point | east port
    orchard | east providence | east ridge | east river | east rochester | east saint louis |
    east san gabriel | east side | east st louis | east victoria park | east view | east village
    | east york | eastern charlotte | eastern passage | echo park | eco sanctuary | ed dana |
    eden glen | eden isle | eden prairie | edgar station | edinburgh a | edinburgh of the seven
    seas | eight mile plains | el ad | el bon pastor | el cairo | el carmen | el charge | el
    colorado | el congo | el factor | el monte | el plan | el progress | el puerto | el puerto
    de santa maria | el reno | el rio | el russ | el santa | el sauce | el tor | eleanor
    roosevelt | electric city | electronic city phase i | elizabeth bay | elizabeth city |
    elizabeth downs | elizabeth town | elliot lake | emerson hill | emerson park | empire park |
    en an | en na ma | en p'ing chen | english bay | english kills | er ram | erin woods | es
    salt | es santa | es sur | essex junction | et tag | et tire | et tor | everton hills |
    everton park | fa hi | fair haven | fair hill | fair lawn | fair oak | fair oaks | fair oaks
    ranch | fair plain | fairfax court house | fairfax park | fairfax station | fairy meadow |
    falcon heights | fall brook | fall river | fall river village | falls church | falls river |
    fan yu | farm school | farmer high school | farmers branch | federal capital | federal city
    | federal heights | federal town | federal way | ferry hook | ferry pass | fi chu su | fi
    sang | fig tree | fig tree bay | financial district | finn hill | first island | fish hawk |
    fish town | five corners | five dock | five mountains | flat river | flat rock | fleet i
    hampshire | fleming island | flint hill | floral city | floral park | florence graham |
    florida city | florida ridge | flower mound | flowing wells | flying fish cove | fo chu su |
    fo san | fo tan | fond du sac | forbes mill | ford island | forest acres | forest city |
    forest glen | forest grove | forest heights | forest hill | forest hill north | forest hill
    south | forest hills | forest lake | forest lawn | forest oak | forest parish | forest park
    | forest station | fork ferry | forrest city | forrest hill | forrest park | fort ball |
    fort bliss | fort brooke | fort brown | fort campbell north | fort carson | fort christina |
    fort collins | fort cross | fort de france | fort de rock | fort dodge | fort drum | fort
    emma | fort erie | fort frances | fort hall | fort hamilton | fort hamilton brooklyn | fort
    hawkins | fort henry | fort hill | fort hunt | fort industry | fort irwin | fort johnston |
    fort knox | fort lee | fort leonard wood | fort li | fort liberty | fort lincoln | fort
    madison | fort manning | fort miami | fort mill | fort mitchell | fort morgan | fort myers |
    fort myers beach | fort myers shores | fort national | fort orange | fort payne | fort
    pierce | fort pierce north | fort pierce south | fort pitt | fort portal | fort richmond |
    fort riley north | fort royal | fort scott | fort smith | fort st john | fort taylor | fort
    thomas | fort trent | fort utah | fort valley | fort vancouver | fort victoria | fort walton
    beach | fort washington | fort washington estates | fort washington maryland | fort wayne |
    fort wellington | fort william | fort winchester | fort worth | fort wright | fortress hill
    | forty two | foster city | fountain hills | fountain inn | fountain valley | four corners |
    four cross roads | four marks | fox borough | fox chapel | fox chase | fox lake | fox point
    | francisco lucas | francisco sa | francisco santos | frank sound | frankfurt am main |
    frankfurt del main | frankfurt main | franklin centre | franklin lakes | franklin mills |
    franklin park | franklin square | franklin town | franklin village | fraser heights |
    frederick city | frederick i maryland | frederick town | french creek | french lick | french
    rocks | fresh meadows | front royal | fruit cove | fruit heights | ft collins | ft myers |
    ft pierce | ft walton beach | ft washington | ft worth | fu ch'ing | fu chang | fu chi | fu
    chin | fu chin chen | fu k'o chin | fu kung | fu li | fu li chen | fu sin | fu sun | fu yu
    chen | fu yuan | fu yuan chen | fuller heights | furnace green | furnace village | further
    ground | ga na ta jen go na | ga no no | ga we not | garden acres | garden city | garden
    city park | garden grove | garden village | gardner centre | gas city | gates north gates |
    gateway city | gaza by | gaza city | gem city | general jose de san martin | general la
    madrid | general luna | general san martin | general santos | general santos city | george
    hill | george town | georgia avenue walter reed | gig harbor | glasgow village | glass town
    | glen allen | glen carbon | glen cove | glen iris | glen oaks | glen ridge | glen rock |
    glen willow | glenn dale | glenn heights | gloucester city | gloucester harbor | gloucester
    point | goat hill | god ga sharon | gold camp | gold canyon | gold coast | gold river | gold
    tai | golden beach | golden buckle of the cotton belt | golden gate | golden grove | golden
    hills | golden square | golden triangle | golden valley | good hope | goose creek | gordon
    head | gothic quarter | governor's harbour | grad mexico | grain valley | grand boulevard |
    grand case | grand centre | grand falls | grand falls windsor | grand fort philippe | grand
    haven | grand island | grand junction | grand lake | grand prairie | grand rapids | grand
    rapids mills | grand river south | grand sent | grand terrace | grand view garden | grande
    prairie | granite bay | granite city | grants pas | grants pass | grass valley | great bend
    | great falls | great kills | great neck | great neck plaza | greater grand crossing |
    greater melbourne | greater sun center | green bay | green cove springs | green haven |
    green hill | green model town | green point | green river | green valley | green wood |
    greens bluff | grey lynn | grove city | grove hall | guatemala by | guatemala city | gulf
    breeze | gulf gate estates | gulf hills | gulf park estates | gulf shores | gum pond | gun
    barrel city | gun bay | h street ne | ha dong | ha long | ha mi chen | ha mon | ha nam | ha
    ta | ha thin | ha tin | hai ju | hai lin chen | hai lin ts'un | hai lu | hai lung | hai men
    chen | hai men so | hai po wan | hai yang chen | half moon | half moon bay | half way pond |
    half way tree | halifax i england | halifax north end | halifax south end | halifax west end
    | halls cross roads | halls head | ham lake | hamburg horn | hamilton city | hamilton east |
    hamilton hill | hamilton hills | hamilton i ontario | hamilton pa new zealand | hamilton
    parish | hamilton square | hamilton worcester | hammond station | hampton city | hampton
    east | hampton park | hampton town | hampton village | han ku | han t'ing chen | han tan |
    han yang | hang dang | hang dong | hans meadow | happy harbour | happy valley | happy valley
    goose bay | harbour landing | harbour place | hard bargain | hardware city | harlem heights
    | harmony garden | harold wood | harper city | harper woods | harris hill | harris park |
    hartford city | harvest hills | hastings on hudson | hastings pa new zealand | hastings
    sunrise | hatch end | hawaii kai | hawaiian gardens | hawaiian paradise park | hay camp |
    hazel crest | hazel dell | hazel glen | hazel grove | hazel park | he ha | head of the river
    | healthy village | hedge end | helena i montana | helena valley southeast | helena valley
    west central | helena west helena | hell on wheels | hell town | henderson estate | henry
    farm | heritage park | hidden valley | hidden valley lake | higgins station | high park
    north | high park swansea | high peak | high peak district | high peak hundred | high point
    | high river | high rock | high rock estates | high springs | highland city | highland
    colony | highland creek | highland heights | highland park | highland springs | highland
    village | highland west | highlands ranch | hilton head | hilton head island | historic
    downtown | ho k'ou | ho k'ou chen | ho kang | ho lan | ho lin chen | ho lung | ho lung chen
    | ho man tin | ho man tin estate | ho p'o | ho p'u | ho pi | ho si min | ho si min grad | ho
    t'ang | ho te | ho te chen | ho ts'un | ho ts'un chen | ho yuan | hoffman estates | hog
    heaven | hog town | holes station | holiday city berkeley | holland drive | holland park |
    holland park west | holland village | holly hill | holly springs | hollywood by the sea |
    holmes chapel | holy city | home gardens | homeland park | homer glen | hon gay | hong chu
    su | hong kong island | hong yen | hood river | hoover city | hop phi | hope island | hope
    mills | hope valley | horizon city | horizon hills | horizon west | horn lake | horse thief
    hollow | hot springs | hot springs national park | hot springs village | houston city |
    howard beach | howard park | howard springs | hu lan chen | hub city | hub of the valley |
    hudson falls | hudson village | hughes junction | hung ch'i chen | hung hu | hung k'ou |
    hung k'ou ch'u | hung lu | hung mao | hung my | hung yen | hungary station | hunt valley |
    hunters creek | hunters hill | hunters landing | hunting park | huntington beach |
    huntington city | huntington hills | huntington landing | huntington park | huntington south
    | huntington station | huntington woods | hyde park | hyderabad ap | hyderabad city |
    hyderabad i pakistan | i ch'un | i ch'un chen | i chang | i lan | i lan chen | i li ti ch'u
    | i lin tu pa su | i ma | i men | i pin | i tu | i wu | i yang | i yuan | idaho falls | il
    cairo | imperial beach | in mae soo la | in may soo let que | independence grove |
    independence i missouri | independent hill | indian harbour beach | indian hills | indian
    river estates | indian trail | indian wells | indiana colony | ing tang | inner city | inner
    city of copenhagen | inner west | international city | international falls | iowa city |
    iowa falls | iowa park | ir david | iron mountain | iron works village | irvine health and
    science complex | irving i texas | irving park | isa by | isa town | island bay | island
    flats | island harbour | island lake | island resort | island trees | isle of lewis | ivory
    park | ivy city | jackson heights | jackson i mississippi | jacksonville beach | jacobs
    store | jacobs well | jam e jam | jamaica plain | jamaica plains | james bay | james city |
    james island | james town | jasmine estates | je ho | jefferson census designated place |
    jefferson city | jefferson hills | jefferson town | jenkins station | jennings lodge |
    jensen beach | jersey city | jersey village | jerusalem east | jerusalem est | jerusalem
    oriental | jerusalem south | jerusalem west | jesus del monte | jesus gomez portugal | jesus
    maria | jo a i ka | jo ho | johnny cake | johns creek | johnson city | johnson lane | jonas
    town | jones town | jordan springs | joshua tree | ju lin | ju si | juan diaz | juan le pen
    | juan les pins | juan rodriguez clara | jun fu | junction area | junction city | junction
    grove | k town | k'a ch'un | k'ai t'ai | k'ai yuan chen | k'o la ma i | k'o na ma i | k'u
    ch'e | k'u ch'e chen | k'u lu ch'i | k'un yu | ka ma lan | kai hung | kai ku to | kai yuan |
    kang ge | kangaroo flat | kangaroo point | kansas city | kansas city i kansas | kansas city
    i missouri | kara k'ore | kara soo | kara su | karachi university employees co operative
    housing society | karl marks | karl marx | karl vary | kat ba | ke machine | ken ho |
    kendall park | kendall square | kendall vest | kendall west | kennedy park | kennedy street
    | kennedy town | kennedy township | kenneth city | kensington cedar cottage | kensington
    heights | key west | ki ep | ki lung su | ki n'on | ki vest | kill devil hills | kim fa su |
    kin hon | king abdullah city | king city | king edward | king's cross | king's lynn | kings
    bridge | kings county | kings grant | kings lin | kings lynn | kings mountain | kings park |
    kings park west | kings point | kings port | kingston estates | kingston l'isle | kingston
    upon hull | kingston upon thames | klein pest | knights station | knowledge village | ko
    chang | ko chen | kong chu su | kong ming | ku ch'i ku | ku chi | ku lin | ku sung | ku yuan
    | kung ch'en | kung chu ling | kung chu ling chen | kung ho | kung k'a | kung t'an | kuwait
    by | kuwait city | l'hay les roses | l'isle adam | l'o man | la arena | la cal | la canada |
    la carolina | la coca | la conception | la cruz | la defense | la flesh | la florida | la gi
    | la gloria | la grande | la havana | la ie | la julia | la labor | la lima | la lisa | la
    marina de port | la mark | la mesa | la mesa heights | la mesa springs | la mobile | la pas
    | la place | la port | la possession | la prairie | la rose | la serena | la sierra | la to
    me | la tour du pin | la trinidad | la un'on | la union | la victoria | la villa | la villa
    de san antonio | la villa de santa fe | la villa real de santa fe de san francisco | la
    virginia | la vista | lady grey | lady lake | lake albert | lake alfred | lake bluff | lake
    butler | lake butter | lake charles | lake city | lake country | lake dallas | lake forest |
    lake forest park | lake geneva | lake grove | lake in the hills | lake jackson | lake los
    angeles | lake mary | lake mills | lake of the woods | lake park | lake ridge | lake saint
    louis | lake shore | lake station | lake stevens | lake villa | lake wales | lake worth |
    lake worth beach | lake worth corridor | lake zurich | lakes by the bay | lakes crossing |
    lakes of the four seasons | lan ch'i | lan k'o lu | lan ka lu | lancaster gate | land o
    lakes | lane cove | lane cove north | lang bay | lang ch'u | lang co | lang highland | lang
    ju | lang lu | lang son | lang t'ou chen | las vegas | las vegas mission | las vegas ranch |
    las vegas santa barbara | laurel bay | laurel factory | laurel hill | lawrence park north |
    lawrence park south | lawson heights | le cap | le fort de france | le ke | le man | le mans
    | le mars | le may | le me sir sen | le passage | le pe | le plateau | le port | le port de
    grace | le robert | le san | le thor | le trait | le tu | lea hill | league city | lease
    land | lebanon station | led yard | lee acres | lee on | leicester forest east | leisure
    city | leisure world | lemon grove | leon valley | les angles | lewis center | lexington
    centre | lexington park | lexington village | li chi | li tu chen | liberty lake | liberty
    pole | lighthouse point | limestone hill | lin ch'ing | lin ch'u | lin i | lin k'ou chen |
    lin p'ing chen | lin sen | lin t'an | lin wu | lin yu | lincoln city | lincoln heights |
    lincoln i england | lincoln park | lincoln square | lincoln village | line city | ling gi |
    ling ho | ling hung | ling yuan chen | lionel town | lit ka su | little bay | little
    cambridge | little canada | little east woods | little falls | little ferry | little fort |
    little havana | little lever | little mountain | little muddy | little neck | little new
    york | little portugal | little red dot | little river | little rock | little silver |
    little venice | liu an | liu ho | liu ho chen | live oak | lo an | lo cap | lo ch'i | lo he
    | lo ho | lo jung | lo lang | lo lung | lo mans | lo men | lo men chen | lo p'u | lo p'u
    chen | lo tu | lo yang | lock haven | logan central | logan city | logan square | london
    borough of brent | london borough of sutton | lone grove | lone oak | lone tree | long
    ashton | long bay | long beach | long branch | long grove | long hai | long island | long
    island city | long meadow | long mountain | long my | long point | lookout city | lord jan |
    los and | los angeles | los lagos | los santos | los vegas | lou ti | lou ti chen |
    louisville jefferson county | lovely mount | loves park | lower allen | lower buchanan |
    lower valley | lower village | lower west side | lower wong tai sin estate | lower wong tai
    sin estate i ii | lu ku | lu ta | lu uk | lucky hills | luis antonio | luis gil perez | lung
    ch'i | lung chu pa | lung hai | lung jen | lung k'ou | lung kang | lung ku | lung ku chi |
    lung ling | lung men | lung men chen | lung t'an | lung wu | lung wu chen | lung yen |
    luxembourg by | luxembourg city | lynn haven | lynn village | ma an | ma ch'u | ma kung su |
    ma p'ing | ma p'o chi | ma pa | ma wan | madison center | madison heights | madison park |
    madison station | madrid city center | madrid rio | mae chan | mae do rio | mae hong son |
    mae tha | magic city | main beach | man ay | manchester by the sea | manchester center |
    manchester city centre | manchester i new hampshire | mango hill | manhattan beach |
    manhattan valley | manila city | manly vale | manly west | manor park | mao ming | mao ts'un
    | mao ts'un chen | maple gardens | maple glen | maple grove | maple heights | maple hills |
    maple leaf | maple ridge | maple shade | maple shade township | maple valley | mar rib |
    marble falls | marble harbor | marco island | marco simone | margaret drive | margaret river
    | maria aurora | maria christina | maria da fe | maria elena | maria grande | maria helena |
    marina de dubai | marina del rey | marine parade | marine parade estate | mariners harbor |
    marion court house | marion oaks | market shop | marsh harbour | marshall town | martha lake
    | maryland city | maryland heights | maryland heights station | mason city | mast swamp |
    matthew town | maurice river bridge | may pen | maya maya | meadow heights | meadow lake |
    meadow lakes | meadow springs | meadow woods | media luna | medicine hat | melbourne cbd |
    melbourne central business district | melbourne city | melbourne city centre | mentor on the
    lake | mentor station | meredith bridge | mesa city | metro harbour | mexico by | mexico
    city | mi lo | mi sang | mi son | mi tu | mi tu chen | miami beach | miami fort | miami
    gardens | miami lakes | miami shores | miami springs | miami town | michigan city | mid
    cambridge | mid city | mid continent | mid levels | middle island | middle plantation |
    middle ridge | middle river | middle town | middle valley | middle village | midway city |
    midwest city | mile end | mile high city | miles city | mill bay | mill city | mill creek |
    mill creek east | mill end | mill hill | mill park | mill place | mill plain | mill valley |
    mill village | miller court house | miller place | mills cross roads | mills river | milton
    center | milton upper mills | milton village | milwaukee city | min hang chen | min ni a po
    li su | mineral city | mineral del monte | mineral waters | mineral wells | ming hang | ming
    kang | mint hill | mission acres | mission bend | mission district | mission hill | mission
    san jose | mississippi mills | missouri city | mitchell park | mo chu kung ch'ia | mo chu
    kung k'a | mo il la | mo town | mo yu chen | model town | mon gay | mon town | mona vale |
    monkey bay | monkey hill | monkey town | monroe louisiana | monroe michigan | monroe north
    carolina | monroe washington | monte carlo | monte israel | monte negro | monte real | monte
    vera | monte vista | montgomery court house | montgomery courthouse | montgomery village |
    montreal city | montreal montreal | moore city | moose jaw | morgan city | morgan gill |
    morgan hill | morgan park | morgan town | mormon crossing | morocco city | morris heights |
    morris park | morris plains | morris town | morton grove | moses lake | mosquito cove | moss
    bluff | moss park | moss point | moss vale | motor city | mound city | mound station | mount
    abu | mount arlington | mount barker | mount cook | mount cotton | mount darwin | mount
    davis | mount dennis | mount dexter | mount eden | mount evelyn | mount fletcher | mount
    forest | mount hampton | mount hayes | mount healthy | mount holly | mount hope | mount isa
    | mount ivy | mount joy | mount juliet | mount laurel | mount lebanon | mount maria | mount
    martha | mount parker | mount pearl | mount pleasant | mount pleasant east | mount pleasant
    village | mount pleasant west | mount prospect | mount royal | mount sterling | mount vernon
    | mount vernon triangle | mount vista | mount warren park | mount washington | mountain ash
    | mountain brook | mountain creek | mountain home | mountain house | mountain park |
    mountain top | mountain view | mountain view gardens | mouth of black river | mt barker | mt
    eden | mt isa | mt pleasant | mt vernon | mu i ran | mu lin | mu se | mu tu | mu tu chen |
    mud springs | muddy creek | murray bridge | my tho | myers corner | mystic island | mystic
    side | n charleston | n ft myers | na ch'i | na ch'u | na ch'u k'a | na di | na ho | na lay
    | na mom | na ta | na ta chen | na ta dunk | na wa | nail city | nam ca | nam can | nam din
    | nam khan | nam kin su | nam lea | nam role | nam sung | nam van | naples florida | naples
    manor | naples park | nashville davidson | national city | national ranch | ne ho | neal dow
    | near north side | near south side | nebraska city | nelson bay | nelson city | nelson pa
    new zealand | neutral bay | neutral city | new albany | new albuquerque | new amsterdam |
    new ark | new baltimore | new bedford | new berlin | new bridge | new brighton | new britain
    | new brooklyn | new brunswick | new burlington | new cairo | new capital territory | new
    castle | new city | new cross | new delhi | new farm | new ferry | new franklin | new gate |
    new glasgow | new gloucester | new grove | new guatemala | new hamburg | new hammond | new
    harlem | new haven | new haven village | new holland | new hope | new hyde park | new
    jerusalem | new kensington | new kingston | new lancaster | new liberty | new liverpool |
    new london | new london town | new lynn | new manchester | new market | new mill | new mills
    | new milton | new norfolk | new orange | new orleans | new orleans village | new perth |
    new philadelphia | new pittsburgh | new plymouth | new plymouth city | new point | new port
    | new prague | new providence | new richmond | new river | new romney | new ross | new san
    diego | new san pedro | new south memphis | new square | new territories | new territory |
    new territory hong kong | new toronto | new town | new village | new washington | new
    westminster | new windsor | new york city | new york of the pacific | new york van java |
    newark on trent | newark upon trent | newcastle west | newport beach | newport east |
    newport england | newport kentucky | newport ness | newport news | newport of california |
    newport of the pacific | newport rhode island | newport wales | newton city | newton corner
    | newton highlands | newton upper falls | ng chu su | ni k'o li | niagara falls | niagara on
    the lake | nickel row | nicola town | nine mile creek | no ho | no ho chen | noble park |
    noble park north | nod society | noisy le grand | noisy le sec | nokia by | nolan hill | non
    sang | non sung | non thai | none such | norfolk city | norfolk county | norman gardens |
    norman park | norris green | north adams | north adelaide | north andrews gardens | north
    arlington | north atlanta | north auburn | north augusta | north aurora | north babylon |
    north bath | north bay | north bay shore | north bay village | north bend | north blue
    island | north branch | north brighton | north brunswick | north canton | north castle |
    north center | north central | north charleston | north chelsea | north chicago | north
    college hill | north creek | north crystal lake | north delta | north east valley | north
    end | north fair oaks | north fort myers | north ft myers | north gates | north haven |
    north highlands | north hill village | north hills | north hollywood | north kensington |
    north lakes | north las vegas | north liberty | north little rock | north logan | north
    madison | north manchester | north melbourne | north miami | north miami beach | north new
    hyde park | north ontario | north orlando | north palm beach | north perth | north port |
    north port charlotte | north portland | north providence | north reading | north riverside |
    north rocks | north saint paul | north salt lake | north shields | north shore | north side
    | north sound estates | north springfield | north st james town | north star | north sydney
    | north syracuse | north union | north valley | north valley stream | north vancouver |
    north vernon | north ward | northeast regina | northern liberties | northern manhattan |
    northwest one | norton centre | norton shores | norway house | norwich landing | notre dame
    | notre dame de grace | nov grad | nov orleans | nova aurora | nova cruz | nova delhi | nova
    era | nova europa | nova glasgow | nova gloria | nova lima | nova orleans | nova roma | nova
    santa rita | nova santa rosa | nova sol | nova york | o cairo | o chi na ch'i | o grove | o
    hai | o k'en hu tu ko | o min | o mon | o valley | o yu ch'i | oak bay | oak brook | oak
    creek | oak flats | oak forest | oak grove | oak harbor | oak hill | oak hill park | oak
    hills | oak hills place | oak island | oak lawn | oak park | oak ridge | oakland i
    california | oakland park | ocean acres | ocean city | ocean grove | ocean park | ocean reef
    | ocean shores | ocean side | ocean springs | ocean view | oi man | oi man estate | oil city
    | oklahoma city | oklahoma sites | oklahoma station | old boston | old bridge | old
    cambridge | old carmen | old channel | old channel little river | old city | old delhi | old
    east york | old field town | old fig garden | old forge | old french store | old greenwich |
    old harbor | old harbour | old harbour bay | old jefferson | old lick | old man bay | old
    mcdonald ranch | old orchard beach | old sterling | old swan | old town | old windsor |
    olive branch | olympic village | omega gardens | on top of the world | open door | orange
    beach | orange blossom gardens | orange city | orange cove | orange dale | orange farm |
    orange lake | orange park | orange state of new south wales | orange texas | orange vale |
    orange vale colony | orange walk | orchard homes | orchard mesa | orchard place | oregon
    city | orleans of the north | orleans parish | os co | ottawa south | outing park | overseas
    union garden | owen sound | oxford circle | oxford heights | oyster bay | p town | p'an an |
    p'an an chen | p'an lung chen | p'an yu | p'eng p'u chen | p'i t'ou | p'i t'ou ts'un | p'ing
    chin p'u | p'ing i | p'ing i chen | p'ing i chi | p'ing tu | p'o li | p'o li chen | p'o yang
    chen | p'u ch'i | p'u chi | p'u li | p'u t'o | p'u yang chen | pa an | pa i chi | pa jen |
    pa lang | pa ri | pa sang | pa so | pa so chen | pa t'ang | pa te | pa wu ho | pa yen chen |
    pa yen su | pa yen su su | pablo beach | pacific beach | pacific city | pacific college |
    pacific grove | pages tavern | pages turnout | pain court | pakistan employees cooperative
    housing society | pakistan employees cooperative housing society block a | palm bay | palm
    beach | palm beach gardens | palm city | palm coast | palm desert | palm harbor | palm
    springs | palm springs north | palm valley | palm village | palmer depot | panama by |
    panama city | panama city beach | para hills | paradise city | paradise point | paradise
    valley | paris la defense | paris luxembourg | paris of the north | paris opera | paris
    temple | park avenue | park city | park forest | park forest village | park hills | park
    morton | park place | park ridge | park slope | park view | park way | pass christian |
    passage west | patterson lakes | patterson park neighborhood | pea ridge | peace island |
    peace river | peach grove | pearl city | pearl river | pedro de toledo | pedro ii | pedro
    point | pedro valley | pen ch'i | pen ch'i hu | pen sans | pen si | penn hills | penn yan |
    pennsylvania avenue se | penny row | pepper pike | perry hall | perry heights | perry vale |
    perth city | perth city centre | perth town | pet kin | pet kong | peters point | petersburg
    city | phillip island | phillips landing | phoenix city | pi k'ou | pi tie | pi yuan | picks
    town | picnic point | picture city | picture rocks | pie liu | pigeon forge | pike creek |
    pike creek valley | pike road | pin hai | pine bluff | pine castle | pine hill | pine hills
    | pine island ridge | pine lake park | pine ridge | pioneer park | pitt meadows | plain city
    | plant city | play cu | play ku | pleasant grove | pleasant hill | pleasant hills |
    pleasant plains | pleasant pr | pleasant prairie | pleasant valley | pleasant view |
    pleasure ridge park | plymouth meeting | po chen | po lan te | po li tin | po lo | po se |
    po t'ou | po t'ou chen | po tu na | po tu no | point breeze | point cook | point hill |
    point hope | point pedro | point pleasant | point vancouver | point vernon | poor man's flat
    | popcorn house | pope air force base historical | poppy city | por arthur | por de pe | por
    do sol | port alexander | port alfred | port allen | port angeles | port antonio | port area
    | port arthur | port arthur i texas | port au prince | port au spain | port augusta | port
    blair | port charlotte | port chester | port city | port clarence | port clinton | port
    darwin | port de france | port de l'union | port district | port douglas | port edward |
    port elizabeth | port erin | port florence | port gilbert | port glasgow | port herald |
    port hope | port isabel | port jefferson | port jefferson station | port kennedy | port
    lawrence | port lincoln | port lois | port louis | port louis town | port luis | port maria
    | port melbourne | port moody | port nelson | port of mexico | port of spain | port orange |
    port orchard | port perry | port richmond | port royal | port said | port saint john | port
    saint john's | port saint louis | port saint mary | port soviet | port stanley | port sudan
    | port townsend | port victoria | port wallace | port washington | portland i maine |
    portland i oregon | porto acre | porto amelia | porto do son | porto elizabeth | porto
    franco | porto grande | porto real | porto rico | porto said | porto santa helena | porto
    sudan | porto torres | porto walter | portsmouth heights | post falls | post miami | post
    saint vincent | post town | pot cheese hollow | pound ridge | poverty ridge | powder springs
    | powell river | prairie grove | prairie ridge | prairie view | prairie village | preston
    centre | prince albert | prince alfred hamlet | prince edward | prince edward county |
    prince george | prince rupert | prince town | princes town | princess isabel | princeton
    meadows | prior lake | progress village | prospect heights | prospect hill | prospect park |
    puerto colombia | puerto cruz | puerto de la cruz | puerto de san jose | puerto de santa
    maria | puerto del carmen | puerto elizabeth | puerto la cruz | puerto lopez | puerto louis
    | puerto mexico | puerto real | puerto real de la cruz | puerto said | puerto san carlos |
    puerto san chose | puerto san jose | puerto san julian | puerto santa | puerto santa cruz |
    puerto sudan | pumpkin capital of the world | quad cities | quarry bay | quartz hill | que
    que | que son | quebec city | quebec su | queen city | queen city of the plains | queen city
    of the west | queen creek | queen mary park | queen village | queen's park | queens county |
    queens park | queens village | quick station | quinn yan | rainbow city | raleigh court
    house | raleigh hills | ram allah | ram das | ranch park | randolph centre | randolph
    township | rapid city | rapid valley | raymond terrace | re ut | real del sol | red bank |
    red bay estate | red bluff | red cliffs | red deer | red dir | red hill | red lion | red oak
    | red wing | red woods city | reliance complex | reservoir hill | revolution city | rhodes
    town | rhythm garden | rib mountain | rice lake | rich valley | richard toll | richards bay
    | richmond borough | richmond city | richmond gill | richmond heights | richmond hill |
    richmond vest | richmond west | riley park | riley station | riley switch | rio bravo | rio
    colorado | rio d janeiro | rio de janeiro | rio del mar | rio do antonio | rio et | rio
    grande | rio grande city | rio linda | rio maria | rio martin | rio negro | rio real | rio
    rico | rio san juan | rio vista | rip city | river bank | river city | river edge | river
    falls | river forest | river grove | river oaks | river park | river ridge | river rouge |
    river side | river vale | river valley | road town | robert williams | roberto williams |
    robertson pet | robinson heights | rochester hills | rochester i kent | rock falls | rock
    forest | rock hill | rock hole | rock island | rock springs | rocky hill | rocky mount |
    rocky mountain house | rocky pile | rocky point | rocky ridge | rocky river | rogers grove |
    rogers park | rogers retreat | rogers ridge | roll camp stan | roll camp station | rolling
    hills estates | rolling meadows | roman i romania | romney marsh | ropes crossing | rose bay
    | rose belle | rose hall | rose hill | rose of new england | ross landing | rot am see |
    round lake | round lake beach | round lake park | round rock | royal city | royal oak |
    royal ou | royal palm beach | rue de france | rum brook | runaway bay | rye brook | s jen |
    s t michel | sa da | sa dec | sa ir | sa la ch'i | sa mac palm | sa pa | saddle brook |
    saddle ridge | safety bay | safety harbor | sage hill | saint albert | saint andre | saint
    andrew | saint andrews | saint ann | saint anthony | saint augustine | saint augustine beach
    | saint augustine shores | saint ave | saint charles | saint charles city | saint claude |
    saint cloud | saint constant | saint denis | saint denis de la reunion | saint denis en val
    | saint denis reunion | saint dennis | saint die | saint ferdinand | saint flour | saint
    francis | saint gabriel | saint george | saint george's | saint helena bay | saint henri |
    saint james | saint jean | saint jean d'acre | saint jerome | saint john | saint john de
    porto rico | saint john east | saint john west | saint john's | saint johns | saint joseph |
    saint just | saint lambert | saint laurent | saint laurent du var | saint leonard | saint
    lewis | saint lo | saint louis | saint louis city | saint louis park | saint marc | saint
    marcel | saint martin des champs | saint mary | saint mary's | saint matthews | saint
    maurice | saint max | saint michael | saint michel | saint nicolas | saint nicolas de port |
    saint patrick | saint paul | saint paul park | saint paul's | saint paul's bay | saint pete
    | saint pete beach | saint peter | saint peter extra | saint peter port | saint peters |
    saint petersburg | saint philippe | saint pie | saint pierre | saint pierre des corps |
    saint pierre port | saint pierre saint paul | saint pierre village | saint priest | saint
    prix | saint raymond | saint rose | saint simon mills | saint stephens | saint thomas |
    saint thomas city | saint thomas mount | saint vincent de paul | salem bridge | salem city |
    salem massachusetts | salem new hampshire | salem oregon | salem village | salem virginia |
    salisbury downs | salisbury east | salisbury heights | salisbury north | salisbury town |
    salmon arm | salmon creek | salt lake | salt lake city | salt lick town | salt river | salt
    springs | sam min su | sam son | san a | san adrian | san ah | san angel | san angelo | san
    antonio | san antonio de la cal | san antonio de pale | san antonio del monte | san antonio
    texas | san bruno | san carlos | san carlos de la union | san carlos del missouri | san
    carlos park | san ch'u chen | san chose | san diego | san diego country estates | san diego
    de la union | san felix | san fernando | san fernando city | san fernando de la carolina |
    san francisco | san francisco de albuquerque | san francisco del sur | san gabriel | san
    german | san gil | san ho | san hose | san ian de porto rico | san ja | san jorge | san jose
    | san jose de costa rica | san jose de david | san jose de guatemala | san jose de mayo |
    san jose del monte | san jose del monte city | san jose i california | san jose i costa rica
    | san jose village | san juan | san juan city | san juan colorado | san juan de colon | san
    juan de los lagos | san juan de puerto rico | san juan del monte | san juan del puerto | san
    juan del rio | san juan del sur | san julian | san leonardo | san lucas | san lucas el
    grande | san luis | san luis de since | san luis rio colorado | san m del monte | san manuel
    | san martin | san mi su | san miguel | san miguel de monte | san miguel del monte | san
    ming | san mo | san nicolas | san pablo | san pablo city | san pablo del monte | san paul a
    mare | san paulo | san pedro | san pedro de la pas | san pedro do rio grande | san pedro
    town | san pedro y san pablo | san po kong | san rafael | san rafael del sur | san salvador
    | san sebastian | san sebastian el grande | san simon | san ta kin | san tan valley | san
    tin | san vi | san ya chen | san yuan | sanchez roman | sanctuary point | sand ford | sand
    hole | sand springs | sandstone valley | sandy bay | sandy city | sandy ground village |
    sandy hill | sandy hills | sandy point town | sandy springs | sane gaze | sang a | sang ming
    | sang tu su | sang young | santa ana | santa ana maya | santa anita | santa barbara | santa
    barbara do para | santa clara | santa clara del mar | santa cruz | santa cruz de bravo |
    santa cruz de la sierra | santa cruz de mao | santa cruz del monte | santa cruz del sur |
    santa elena | santa fe | santa fe de la vera cruz | santa fe de san francisco | santa fe
    springs | santa helena | santa isabel | santa isabel do para | santa isabel do rio negro |
    santa maria | santa maria a monte | santa maria de jesus | santa maria del real | santa
    maria del rio | santa maria do para | santa monica | santa paula | santa rita | santa rita
    village | santa rosa | santa rosa beach | santa rosa city | santa rosa de lima | santa rosa
    del sara | santa rosa del sur | santa teresa | santa victoria | santiago de chile | santiago
    de cuba | santiago de las vegas | santiago de maria | santiago di cuba | santiago do chile |
    santiago du chili | santiago rodriguez | satellite beach | savannah acres | savannah georgia
    | savannah la mar | saw log swamp | saw pit | scenic acres | science city | scotch plains |
    scott lake | se bing | sea cliff | seal beach | second river | second street | secret
    harbour | section eight | sen hah lo ne | sen le la fore | sen lo | sen mark | sent albert |
    sent cons | sent et'en | sent luis | sent p'er | seoul si | sessions settlement | set il |
    set ka lay | seven corners | seven hills | seven oaks | seven sisters | shadow hills | shady
    city | shady hills | shady hollow | shady side | shanghai city | sharon hill | sharp park |
    shaw heights | she t'ou | sheffield lake | shelby courthouse | shell cove | sherman oaks |
    shin ti | ship creek | ship harbor | shore acres | short hills | short pump | show low | si
    ir | si ku | sierra grande | sierra vista | sierra vista southeast | signal hill | signal
    mountain | silicon oasis | silva porto | silver berry | silver city | silver heights |
    silver hill | silver lake | silver lakes | silver spring | silver spring md | silver springs
    | silver springs shores | sin cu | sin ju | sin ka po | sin le noble | sin le nope | sin ni
    | sin san su | sin yi su | sing du | sing sing | sing ti | sing u | singapore city | sit
    estate | sit ni | sky lake | sky tower | slave lake | sleepy hole | sleepy hollow | slim
    river | small hill | small lots | smart city | smith station | smith's landing | smith's
    parish | snow creek | so ch'e | so ch'e chen | so chen | so dong | so li | so uk | so uk
    estate | somerset east | somerset massachusetts | somerset new jersey | somerset vest |
    somerset village | somerset wes | somerset west | son la | son lu | song ap son | song ka |
    song ko | sound beach | south arm | south bay | south beach | south bend | south boston |
    south brisbane | south burlington | south canton | south charleston | south chicago | south
    cleveland | south district | south dublin | south east quarter | south el monte | south end
    | south fulton | south gate | south gate ridge | south haven | south hill | south hill
    village | south holland | south houston | south huntington | south island | south jordan |
    south jordan heights | south kensington | south lake | south laurel | south loop | south
    lyon | south melbourne | south miami | south miami heights | south milwaukee | south monroe
    | south norfolk | south old bridge | south orange | south ottawa | south oyster bay | south
    park township | south patrick shores | south perth | south portland | south portland gardens
    | south reading | south riding | south river | south riverside | south saint joseph | south
    saint paul | south salt lake | south san francisco | south san gabriel | south san jose
    hills | south shields | south shore | south slope | south street crossing | south suffolk |
    south surrey | south tucson | south valley | south valley stream | south venice | south
    weber | south west fargo | south willow creek | south windsor | southampton parish |
    southeast gate | southern river | southwest center city philadelphia | southwest waterfront
    | soviet harbor | spanish fork | spanish fork city | spanish fort | spanish harlem | spanish
    lake | spanish springs | spanish town | spanish village | spanish wells | spirit lake |
    spring creek | spring garden | spring grove | spring hill | spring lake | spring lake park |
    spring ridge | spring valley | spring valley lake | springfield city | springfield gardens |
    springfield lakes | st albert | st andrews | st anne | st charles | st cloud | st denis | st
    francis bay | st george | st george parish | st george's parish | st james | st john s | st
    john's | st johns | st johns park | st joseph | st laurent | st lawrence | st louis | st
    louis park | st martin | st mary parish | st matthews | st michael | st michel | st paul |
    st paul parish | st paul's bay | st peter parish | st peter port | st petersburg | st thomas
    | stafford heights | stanford le hope | stanley park | stanley village | star city | star
    hill | star of the valley | state college | state line | stephens point | sterling heights |
    stevens corners | stevens lake | stevens point | stevenson ranch | stoke on trent | stoke
    upon trent | stokes valley | stone mountain | storm lake | strawberry bank | strawberry hill
    | strawberry mansion | studio city | su chu su | su fu | sudden valley | suffolk city |
    suffolk downs station | sugar city | sugar grove | sugar hill | sugar land | sum ag | summer
    hill | summit park | summit view | sun city | sun city center | sun city west | sun fa su |
    sun lakes | sun prairie | sun valley | sun village | sung kang | sung ling | sunny isles |
    sunny isles beach | sunrise manor | sunset hills | sunset park | sunshine coast | sunshine
    hills | sunshine north | sunshine west | surf city | surrey centre | surrey city centre |
    surrey hills | surrey newton | swan hill | swan view | sweet hollow | sweet home | sweet pea
    city | swift current | sydney cbd | sydney central business district | sydney city | sydney
    mines | syracuse i new york | t'a ho | t'a k'a ta | t'ai k'ang chen | t'ai p'ing | t'ai
    p'ing chen | t'ang ho | t'ang ku | t'ang pa | t'e ling | t'eu t'ai | t'u lo t'a | t'u lu fan
    | t'u lu fan chen | t'u men chan | t'u mo t'e yu ch'i | t'u t'o | t'u t'o chen | t'un ch'i |
    t'un ch'i chen | ta an | ta ch'i | ta ch'i chen | ta ho | ta jen | ta k'o k'an | ta ko tan |
    ta ku | ta lan | ta li | ta li chi | ta ling ho | ta ling ho chen | ta lu | ta p'ing i | ta
    si chen | ta t'un | ta u | ta wang chi | ta wu k'ou | ta ye li | ta yen chen | tai hang |
    tai hang estate east west | tai ping | tai po | tai po market | tai po new town | tai po old
    market | tai po town | tai wo | tan am | tan an | tan du | tan t'a | tan t'u | tan tan |
    tang ni | tang t'u | tap house | tara hills | taylor mill | te an | te ch'ing | te ke | te
    ko | te nam | te wu lu | te yang | tel aviv | tell city | temple city | temple city of india
    | temple hills | temple terrace | ten hills | terrace end | terrace heights | territory of
    columbia | texas city | th of october city | tha bo | tha chin | tha mai | tha rap | tha sa
    an | tha yang | thai bin | thai po su | that chu su | that ke | the athens of america | the
    bank | the beaches | the bend | the big apple | the big bend | the big easy | the big
    pineapple | the blue mountains | the bluff | the border city | the bottom | the brass city |
    the bridge | the bridge town | the bronx | the center | the city of angels | the city of
    roses | the city of saint john | the colony | the common | the crossing | the crown of
    kerala | the d | the duke city | the falls | the flats | the forest city | the fort | the
    gap | the gore | the great bridge | the hague | the harbor | the hub | the lake forest of
    the south | the loop | the manor of pittsburgh | the marble city | the mission | the
    mountain | the neck | the own | the palm city | the paris of america | the parks at walter
    reed | the pas | the peak | the plains | the point | the quarter | the quiet virgin | the
    range | the river | the royal city | the turtle | the vale | the valley | the village | the
    village of indian hill | the villages | the villages at spanish springs | the windy city |
    thief river falls | third precinct | tho not | tho tang | thomas heights | thomas village |
    thomson rise estate | thomson village | thornton heath | thornton station | thousand oaks |
    thousand palms | thread city | three lakes | three points | three rivers | thunder bay | ti
    lin | ti lung | ti si | tiger town | times city | times square | tin fu | tin ma court | tin
    wan | tin wan estate | to pa | to pe ka | to poo ka | to ta | toledo city | tottenham hale |
    tower hill | town and country | town house corner | town house corners | town n country |
    town of berlin | town of kansas | town of wake forest college | treasure island | treaty
    port | trenches island | trent o | trent town | tri cities | trial farm | trinity beach |
    trophy club | tropical gardens | troy corners | trust feed | truth or consequences | ts'ai
    ku na ya men | ts'un jen | tu bong | tu je | tu son | tucson estates | turtle creek | turtle
    hook | turtle rock | twin brooks | twin falls | twin lakes | twin rivers | two rivers | u
    hai | u hang | u hu | u ling | u song | uc irvine | ui hai | ukrainian village | umm sa'ad |
    un long | under khan | union beach | union city | union dale | union de san antonio | union
    depot | union gap | union hill novelty hill | union market | union park | union place |
    union port | union square | union town | universal city | university city | university
    endowment lands | university heights | university of british columbia | university of texas
    | university park | university place | university town | university town center | upper
    arlington | upper dir | upper land | upper saddle river | upper toledo | upper west side |
    upper wong tai sin estate | usa river | v'et tri | val d'or | val david | val des sources |
    vale do sol | vale parish | vale real | valencia city | valencia valencia | valencia west |
    valley center | valley city | valley cottage | valley east | valley falls | valley glen |
    valley junction | valley of gold | valley of the sun | valley park | valley ridge | valley
    station | valley stream | valley view | van ness | van nest | vancouver barracks | vancouver
    city | vancouver west end | varsity lakes | venice beach | venice gardens | venice of the
    philippines | vera cruz | vermont south | vermont square | vernon hills | vest bend | vest
    chester | vest fargo | vest jerusalem | vest lin | vi nam | victoria city | victoria
    downtown | victoria falls | victoria hills | victoria park | victoria point | victoria town
    | victoria village | victoria west | view park windsor hills | view royal | villa angela |
    villa bella | villa christina | villa colon | villa de cos | villa de costa rica | villa de
    garcia | villa de la trinidad | villa de maria | villa de mayo | villa de san antonio |
    villa de san carlos | villa de san francisco | villa de santiago | villa de trinidad | villa
    del carbon | villa del rio | villa el carmen | villa el salvador | villa federal | villa
    garcia | villa general san martin | villa hayes | villa hills | villa maria | villa mercedes
    | villa nova | villa park | villa real | villa regina | villa rica | villa san antonio |
    villa santa rita | villa santa rosa | villa union | village green green ridge | village of
    oak creek big park | village park | village saint george | vincent square | vincent town |
    vine grove | vine sir sen | vinegar hill | virginia beach | virginia beach city | w wa |
    wade hampton | wake court house | wake forest | wake village | walker grand trunk | walker
    mill | walkers grove | walnut creek | walnut grove | walnut hills | walnut park | walnut
    springs | walnut village | walton on thames | wan ku chen | wan long | wang ch'ing | wang
    ch'ing chen | wang chi | wang nam yen | warm mineral springs | warm springs | warren city |
    warren i michigan | warren township | warwick farm | warwick parish | was co | washington
    city | washington court house | washington courthouse | washington d c | washington d.c. |
    washington dc | washington furnace | washington heights | washington new town | washington
    square | washington terrace | washington town | washington village | waterfront communities
    the island | we am man tuck | webb city | webster city | wellington point | wellington town
    | wells beach station | wells branch | wembley downs | wesley chapel | wesley hills | west
    albany | west athens | west babylon | west bay | west bend | west cambridge harvard square |
    west carson | west chase | west chester | west chicago | west clayton | west coast village |
    west columbia | west derby | west division | west dundee | west end | west end of london |
    west end village | west falls church | west fargo | west gardner | west gate | west
    greenwich | west ham | west hammond | west harbour | west hartford | west haven | west
    helena | west hill | west hills | west hollywood | west island | west jerusalem | west
    jordan | west kensington | west kirby | west lafayette | west lake | west lake stevens |
    west lakes | west lawn | west little river | west long branch | west melbourne | west
    memphis | west miami | west minneapolis | west monroe | west new york | west newton | west
    oak lane | west orange | west palm beach | west park | west perth | west plains | west point
    | west point grey | west raleigh | west ridge | west riverside | west sacramento | west
    saint paul | west salem | west side highway | west slope | west springfield | west springs |
    west st paul | west town | west university place | west valley | west valley city | west
    vancouver | west view | west village | west warwick | western heights | western springs |
    westminster town | wheat ridge | wheeler settlement | white bear | white bear lake | white
    center | white city | white hall | white hall fields | white hill | white horse | white
    house | white marsh | white meadow lake | white monastery | white oak | white plains | white
    river | white rock | white settlement | whites fort | whites mill | whitney close | wi ju |
    wild rose | wiley park | williams lake | williams landing | williams port | williams town |
    willow grove | willow oak | willow park | willow springs | willow street | wills creek |
    wimbledon i london | wimbledon park | winchester center | wind lake | windsor gardens |
    windsor i berkshire | windsor locks | windy city | windy hill beach | winnipeg city |
    winston hills | winston salem | winter garden | winter gardens | winter haven | winter hill
    | winter park | winter springs | wisconsin rapids | wo jo | wolf trap | wong tai sin | wood
    dale | wood green | wood lawn | wood ridge | wood river | wood row | woodland hills |
    woodland park | woods creek | woods cross | woods settlement | worcester i usa | worcester i
    western cape | worcester park | world's end | wu ch'ing | wu chan | wu chen | wu chi mi ho |
    wu chin | wu chu | wu chu ho | wu kang | wu king | wu lan ha ta | wu lan ku mu | wu li ya su
    t'ai | wu ling chen | wu lu mu ch'i | wu lu ya su t'ai | wu si | wu su | wu su chen | wu ta
    | wu yang chi | x can | x lung | xi'an xi an | ya bad | ya lu | ya lu sat lang | yang ch'u |
    yang chi t'eng | yang ho | yang ku | yang liu ch'ing | yang liu ch'ing chen | yang she chen
    | yang ts'un | yankee settlement | ye su | ye u | yellow banks | yen an | yen an fu | yen
    bay | yen chi | yen t'ai | yi kin van | yi po su | yo ling | york beach | york england |
    york university heights | youth city | yu ch'i | yu hu chen | yu i | yu lin chen | yu lin ta
    pa su | yu t'ai | yu t'ing p'u | yu yang | yu yen | yuan jen | yuan lin
    """
)
