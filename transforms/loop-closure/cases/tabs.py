def wire(buttons, out):
	for button in buttons:
		def press(
			event,
		):
			return button.press(event)

		out.append(press)
		out.append(lambda: button)
