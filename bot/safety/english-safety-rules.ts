import type { SafetyRule } from "./safety-rule";
import { englishRule } from "./safety-rule";

/*
 * English rules read the word form, written here as plain words: letters are squeezed like the
 * text ("killl" and "kil" read "kill"), every space is optional ("killmyself") and the pattern
 * sits on word boundaries. A denial in the three words before ("I don't want to die") is read
 * by is-negated.
 */

const PHOTOS = "(?:photo|photos|pic|pics|picture|pictures|image|images|video|videos|content)";
const PEOPLE = "(?:boss|family|wife|husband|parents|mom|dad|mother|father|kids|children|employer|work|office|coworkers|colleagues|friends|school|company|manager|neighbors|neighbours|relatives|contacts)";

/** Whom a blow lands on besides "me": "he hit my wife", not "I hit my limit". */
const BODY_OR_KIN = "(?:wife|husband|partner|kids|kid|son|daughter|child|children|family|mom|dad|mother|father|brother|sister|friend|face|head|arm|arms|leg|legs|back|stomach)";

const SELF_HARM: SafetyRule[] = [
  englishRule("self_harm", "(?:want|wanna|wish|ready|going|gonna|plan|planning|need|deserve|prefer|rather) (?:to |2 )?die"),
  englishRule("self_harm", "feel like dying|feel like killing myself|wish (?:i|i'd) (?:was|were|had) (?:dead|never been born)|wish i (?:could|would) die|better off dead|(?:should|could) just die"),
  englishRule("self_harm", "(?:kill|killing|end|ending|off|offing) myself|kms|unalive|suicidal|suicide(?! (?:prevention|hotline|line|helpline|number|crisis))"),
  englishRule("self_harm", "(?:end|ending) (?:it all|my life|my own life|everything)|(?:take|taking|took) my (?:own )?life"),
  englishRule("self_harm", "(?:hurt|harm|cut|cutting|hurting|harming|hang|hanging|shoot|poison|drown) myself|self harm|self harming"),
  englishRule("self_harm", "(?:don't|dont|do not|no longer|never) (?:want|wanna|wish) (?:to )?(?:live|be alive|be here|exist|wake up)"),
  englishRule("self_harm", "no (?:reason|point|will) (?:to|in) (?:live|living|go on|going on)|not worth living|(?:life|living) (?:is not|isn't|isnt|ain't) worth"),
  englishRule("self_harm", "(?:want|wanna|wish) (?:to|i could) (?:disappear|vanish|sleep forever|never wake up|not exist|stop existing|not wake up)"),
  englishRule("self_harm", "jump off (?:a|the) (?:bridge|building|roof)|overdose|(?:thinking|thought|thoughts) (?:about|of) (?:dying|death|killing myself|ending it)"),
];

const SEXUAL_IMAGES: SafetyRule[] = [
  englishRule("sexual_images", `nude|nudes|naked|(?:intimate|explicit|sexual|private) ${PHOTOS}|sextortion|revenge porn|porn|sex (?:tape|tapes|video|videos)|deepfake|deepfakes`),
  englishRule("sexual_images", `(?:post|posts|posted|posting|share|shares|shared|sharing|leak|leaks|leaked|leaking|spread|spreading|publish|published|upload|uploaded|expose|send|sends|sent|sending|send out|release|released) (?:my|your|her|his|our) ${PHOTOS}`),
];

const THREAT: SafetyRule[] = [
  englishRule("threat", "threat|threats|threaten|threatened|threatening|threatens|blackmail|blackmailed|blackmailing|extort|extorted|extorting|extortion|intimidate|intimidated|intimidating|harass|harassed|harassing|harassment"),
  englishRule("threat", `(?:they|he|she|we|lender|collector|collectors)(?:'ll|'d| will| would| are gonna| is gonna| are going to| is going to| were going to| was going to| gonna) (?:tell|call|contact|text|email|message|inform|visit|show up at|come to) (?:all |everyone at )?(?:my|our|your) ${PEOPLE}`),
  englishRule("threat", "(?:know|knows) where (?:i|you|we) live|(?:come|coming|show up|showing up|visit|find) (?:to |at )?(?:my|your) (?:house|home|place|door|kids|family|work|job)"),
  englishRule("threat", "(?:i|we|they|he|she)(?:'ll|'d| will| would| are gonna| is gonna| are going to| is going to| gonna) kill (?:you|me|us|my family|your family|my kids|your kids)|kys|you'll regret|you will regret|you'll be sorry|watch your back|make you pay|ruin (?:your|my) life"),
];

const VIOLENCE: SafetyRule[] = [
  englishRule("violence", `(?:hit|hits|hitting|beat|beats|beating|beaten|punch|punched|punches|punching|kick|kicked|kicking|slap|slapped|slapping|choke|choked|choking|strangle|strangled|shove|shoved|pushed|attacked|assaulted|stabbed|stab|grabbed|hurt|hurts|hurting) (?!myself|yourself)(?:me|us|him|her|you|(?:my|your) ${BODY_OR_KIN})(?! (?:up|out|to|into|back|around|off|over)(?:[^a-z']|$))`),
  englishRule("violence", "(?:beat|beats|beaten|beating) (?:me|us|him|her|you) up"),
  englishRule("violence", "assault|assaulted|violence|violent|knife|knives|gun|guns|weapon|weapons|baseball bat"),
  englishRule("violence", "locked (?:me|us) (?:in|up)|won't let me (?:leave|go)|kidnap|kidnapped|kidnapping|hold me (?:captive|hostage)|held me (?:captive|hostage)|hostage|break (?:your|my) (?:legs|arms|fingers|knees|bones|neck)"),
];

const DISTRESS: SafetyRule[] = [
  englishRule("distress", "killing me|(?:can't|cant|cannot|can not) (?:take|handle|bear|stand|do) (?:it |this |this life )?any more|(?:can't|cant|cannot|can not) (?:go on|cope|keep going|carry on|live like this)"),
  englishRule("distress", "hopeless|no way out|end of my rope|at my wits end|at my wit's end|falling apart|breaking down|depressed|desperate|overwhelmed|drowning|dying inside|i'?m dying(?! to)"),
  englishRule("distress", "(?:scared|worried|stressed|sick|bored|terrified|frightened) to death|give up on (?:everything|life)|want to give up|tired of (?:living|life|everything)|what's the point"),
  englishRule("distress", "suicide (?:prevention|hotline|line|helpline|number|crisis)"),
];

/** Every English rule, in the order findings are reported. */
export const ENGLISH_SAFETY_RULES: readonly SafetyRule[] = [...SELF_HARM, ...SEXUAL_IMAGES, ...THREAT, ...VIOLENCE, ...DISTRESS];
