/** The words the bot says. Tests assert on these, so the conversation's wording lives in one place. */
export const botTexts = {
  help: [
    'I can:',
    "- order a pizza: type 'pizza'",
    "- tell you a stock price: 'quote MSFT' or \"What's the current price of MSFT?\"",
    "- warn you about a price: 'alert GOOG above 150' or 'alert GOOG below 90'",
    "- list your alerts: 'alerts'; remove them: 'cancel alert GOOG'",
  ].join('\n'),
  /** Said once per conversation, when the bot is added to it (or, before that, when anyone joins). */
  welcome: "Hi! I'm the proactive bot. Type 'help' to see what I can do.",
  notUnderstood: "Sorry, I didn't get that. Type 'help' to see what I can do.",
  askToppings: 'What pizza toppings would you want?',
  pizzaOrdered: (toppings: string) => `Ok, one pizza with ${toppings} is on its way.`,
  askSymbol: 'Which stock symbol?',
  askSymbolAgain: "That doesn't look like a stock symbol. Which stock symbol? (for example MSFT)",
  badSymbol: (text: string) => `"${text}" doesn't look like a stock symbol. Try for example 'quote MSFT'.`,
  price: (symbol: string, price: string) => `The current price of ${symbol} is ${price}`,
  unknownSymbol: (symbol: string) => `Sorry, I have no price for ${symbol}.`,
  priceFeedDown: 'Sorry, I cannot get prices right now. Please try again in a minute.',
  turnFailed: 'Sorry, something went wrong. Please try again.',
  interruption:
    "Sorry to interrupt! I have a quick survey for you. Type 'done' to go back to where you were.",
  interruptionChoice: 'Sorry to interrupt! Would you like to answer a quick survey?',
  stayInSurvey: 'Stay in this survey',
  backToWhereIWas: 'Get back to where I was',
  /** A question with its answers typed out, so that they can be typed in any scope. */
  withChoices: (question: string, choices: readonly string[]) => `${question} (${choices.join(' / ')})`,
  /** The line above the answer buttons of a choice card (group chats and channels). */
  choiceCardHint: 'Pick one:',
  staying: "Thanks for staying! Tell me anything you like. Type 'done' to go back to where you were.",
  surveyReminder: (said: string) =>
    `Noted: "${said}". You are still in the survey; type 'done' to go back to where you were.`,
  backToIdle: "Ok, we're back. Type 'help' to see what I can do.",
  stackReset: 'I have cancelled what we were doing before.',
  stockAlert: (symbol: string, threshold: string, price: string) =>
    `Sorry to interrupt, but you asked me to warn you when ${symbol} reached ${threshold}. It is now ${price}. Do you want to sell it now?`,
  yes: 'Yes',
  no: 'No',
  stockAlertCardTitle: (symbol: string) => `Price alert: ${symbol}`,
  stockAlertCardFacts: { symbol: 'Symbol', threshold: 'You asked for', price: 'Price now' },
  stockAlertCardQuestion: 'Do you want to sell it now?',
  sold: 'Ok, sold.',
  holding: 'Ok, holding.',
  alertArmed: (symbol: string, direction: string, threshold: string, price: string) =>
    `Ok, I'll warn you when ${symbol} goes ${direction} ${threshold}. It is ${price} now.`,
  alertList: (lines: string[]) => ['Your alerts:', ...lines.map((line) => `- ${line}`)].join('\n'),
  noAlerts: "You have no alerts. Try 'alert GOOG above 150'.",
  alertsCancelled: (count: number, symbol: string) =>
    count === 1
      ? `Ok, I cancelled your alert on ${symbol}.`
      : `Ok, I cancelled your ${count} alerts on ${symbol}.`,
  noAlertsOn: (symbol: string) => `You have no alerts on ${symbol}.`,
  tooManyAlerts: (limit: number) =>
    `You already have ${limit} alerts, the most I keep per person. Cancel one first, e.g. 'cancel alert GOOG'.`,
  badPrice: (text: string) => `"${text}" doesn't look like a price. Try for example 'alert GOOG above 150'.`,
  alertUsage: "To set an alert, say for example 'alert GOOG above 150' or 'alert GOOG below 90'.",
  alertsUnavailable: 'Sorry, I cannot reach my alert list right now. Please try again in a minute.',
} as const;
